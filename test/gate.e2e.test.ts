/**
 * End-to-end: fetch as an approval gate, with the bundled action against the emulator, with
 * replies as Chatwork's Reply and To buttons and quoting make them. The waiting logic itself is
 * tested on a fake clock in gate.test.ts; the cases here that wait use real seconds.
 */
import { describe, expect, it } from 'vitest'
import { ALICE, BOB, BOT, CAROL, ChatworkEmulator, ROOM } from '../tools/emulator/index.js'
import { failure, fetchOn, ok, runAgainst, useEmulator } from './support/e2e.js'
import { postQuestion } from './support/ask.js'
import { table } from './support/table.js'

const server = useEmulator()

const run = fetchOn(server)

const ask = () => postQuestion(server())

function listRequests(): number {
  return server().requestsTo('GET', `/rooms/${ROOM}/messages`).length
}

const gate = (question: string, more: Record<string, string> = {}) => ({
  match: '^/approve\\b',
  'reject-match': '^/reject\\b',
  'replies-to': question,
  ...more
})

describe('what counts as an answer', () => {
  it("approves with a reply made with Chatwork's Reply button", async () => {
    const question = ask()
    const reply = server().reply(ROOM, ALICE, question, '/approve ship it')
    const result = ok(await run(gate(question)))
    expect(reply.body).toBe(
      `[rp aid=${BOT.account_id} to=${ROOM}-${question}]${BOT.name}\n/approve ship it`
    )
    expect(result.outputs).toMatchObject({
      decision: 'approved',
      matched: 'true',
      approvers: JSON.stringify([String(ALICE.account_id)]),
      'matched-message-id': reply.message_id,
      'matched-message-body': reply.body,
      'matched-message-text': '/approve ship it',
      'matched-account-id': String(ALICE.account_id),
      count: '1'
    })
    // The members (for the names after the tags) are listed alongside the first look.
    expect(
      server()
        .requests.map(r => r.path)
        .sort()
    ).toEqual(['/me', `/rooms/${ROOM}/members`, `/rooms/${ROOM}/messages`].sort())
  })

  it('approves with the To button and with a CRLF reply', async () => {
    ask()
    const reply = server().mention(ROOM, ALICE, BOT, '/approve')
    expect(ok(await run({ match: '^/approve$' })).outputs).toMatchObject({
      decision: 'approved',
      'matched-message-id': reply.message_id
    })
    const question = ask()
    server().reply(ROOM, BOB, question, '/approve', { newline: '\r\n' })
    expect(ok(await run(gate(question))).outputs.decision).toBe('approved')
  })

  it('never counts a quoted /approve', async () => {
    const question = ask()
    const asked = server().messages(ROOM).at(-1)
    if (!asked) throw new Error('no question')
    server().quote(ROOM, ALICE, asked, 'what does this change?')
    server().quote(ROOM, BOB, { ...asked, body: '/approve' }, 'who said that?')
    const result = ok(await run({ match: '^/approve', 'after-message-id': question }))
    expect(result.outputs).toMatchObject({ decision: 'none', matched: 'false', count: '0' })
    expect(result.stdout).toContain('it says "what does this change?"')
  })

  it('ignores approvals of another question, and old ones before after-message-id', async () => {
    const old = ask()
    server().reply(ROOM, ALICE, old, '/approve')
    const question = ask()
    server().post(ROOM, ALICE, '/approve (no reply header)')
    expect(ok(await run(gate(question))).outputs.decision).toBe('none')
    expect(
      ok(await run({ match: '^/approve', 'after-message-id': question })).outputs.decision
    ).toBe('approved')
    const fresh = ask()
    expect(ok(await run({ match: '^/approve', 'after-message-id': fresh })).outputs.decision).toBe(
      'none'
    )
  })

  it('an after-message-id older than the last 100 is placed by its time; one the room lacks fails', async () => {
    const hourAgo = Math.floor(Date.now() / 1000) - 3600
    const question = server().post(ROOM, BOT, 'Deploy?', hourAgo).message_id
    for (let i = 0; i < 99; i += 1) server().post(ROOM, CAROL, `chatter ${i}`, hourAgo)
    // In the question's second, which the last 100 no longer list: its order is not known.
    const unplaced = server().post(ROOM, BOB, '/approve', hourAgo)
    const reply = server().post(ROOM, ALICE, '/approve')
    const result = ok(await run({ match: '^/approve', 'after-message-id': question }))
    expect(result.outputs).toMatchObject({
      decision: 'approved',
      'matched-message-id': reply.message_id
    })
    expect(server().requestsTo('GET', `/rooms/${ROOM}/messages/${question}`)).toHaveLength(1)
    expect(result.stdout).toContain(
      `Message ${unplaced.message_id} from "${BOB.name}" (${BOB.account_id}) does not count: posted in the same second as the anchor`
    )
    server().reset()
    const message = failure(
      await run({ match: '^/approve', 'after-message-id': '1928374655918273645' })
    )
    expect(message).toContain(
      `Could not read message 1928374655918273645 of room ${ROOM}, after which answers count ('after-message-id').`
    )
    expect(message).toContain("Check 'after-message-id'")
  })

  it('counts only admins with from-roles: admin', async () => {
    const question = ask()
    server().reply(ROOM, ALICE, question, '/approve')
    const member = ok(await run(gate(question, { 'from-roles': 'admin' })))
    expect(member.outputs.decision).toBe('none')
    expect(member.stdout).toContain('from room admins')
    server().reply(ROOM, CAROL, question, '/approve')
    const admin = ok(await run(gate(question, { 'from-roles': 'admin' })))
    expect(admin.outputs).toMatchObject({
      decision: 'approved',
      approvers: JSON.stringify([String(CAROL.account_id)])
    })
    expect(server().requestsTo('GET', `/rooms/${ROOM}/members`)).toHaveLength(2)
  })

  it('needs two different accounts with min-approvals: 2', async () => {
    const question = ask()
    server().reply(ROOM, ALICE, question, '/approve')
    server().reply(ROOM, ALICE, question, '/approve (again)')
    const one = ok(await run(gate(question, { 'min-approvals': '2' })))
    expect(one.outputs).toMatchObject({
      decision: 'none',
      matched: 'false',
      approvers: JSON.stringify([String(ALICE.account_id)])
    })
    const second = server().reply(ROOM, BOB, question, '/approve')
    const two = ok(await run(gate(question, { 'min-approvals': '2' })))
    expect(two.outputs).toMatchObject({
      decision: 'approved',
      approvers: JSON.stringify([String(ALICE.account_id), String(BOB.account_id)]),
      'matched-message-id': second.message_id
    })
  })

  it('fails on a rejection, naming who and what, with the outputs written', async () => {
    const question = ask()
    server().reply(ROOM, ALICE, question, '/approve')
    const no = server().reply(ROOM, BOB, question, '/reject  not on a Friday\n::error::spoofed')
    const result = await run(gate(question, { 'min-approvals': '2' }))
    expect(failure(result)).toBe(
      `Rejected in room ${ROOM} by ${BOB.name} (account ${BOB.account_id}), message ${no.message_id}: "/reject not on a Friday ::error::spoofed".`
    )
    expect(result.outputs).toMatchObject({
      decision: 'rejected',
      matched: 'false',
      'matched-message-id': no.message_id,
      'matched-account-id': String(BOB.account_id)
    })
    expect(result.stdout).not.toMatch(/^::error::spoofed/m)
  })

  it('is a plain fetch without filters: matched false, decision empty, newest message last', async () => {
    ask()
    const newest = server().post(ROOM, ALICE, 'latest news')
    const result = ok(await run({}))
    expect(result.outputs).toMatchObject({
      matched: 'false',
      decision: '',
      count: '2',
      'last-message-id': newest.message_id,
      'last-message-body': 'latest news'
    })
  })

  it('gives the newest message of the room as last-message-*, before any filter', async () => {
    const question = ask()
    const approval = server().reply(ROOM, ALICE, question, '/approve')
    const chatter = server().post(ROOM, BOB, 'lunch?')
    const result = ok(await run(gate(question)))
    expect(result.outputs).toMatchObject({
      'matched-message-id': approval.message_id,
      'last-message-id': chatter.message_id,
      'last-message-body': 'lunch?'
    })
  })

  table([
    [{ match: '(' }, "Input 'match' is '(', which is not a pattern the action can use"],
    [{ 'reject-match': '^(?!x)' }, "Input 'reject-match' is '^(?!x)', which is not a pattern"],
    [
      { 'from-account-ids': 'alice' },
      "Input 'from-account-ids' has 'alice'; expected Chatwork account ids"
    ],
    [
      { 'after-message-id': '12.5' },
      "Input 'after-message-id' is '12.5'; expected a Chatwork message id"
    ],
    [{ 'replies-to': 'latest' }, "Input 'replies-to' is 'latest'; expected a Chatwork message id"],
    [
      { 'min-approvals': '0' },
      "Input 'min-approvals' is '0'; expected a whole number from 1 to 50."
    ],
    [
      { 'from-roles': 'admin, owner' },
      "Input 'from-roles' has 'owner'; expected room roles: admin, member, readonly"
    ],
    [
      { 'wait-timeout-seconds': '-1' },
      "Input 'wait-timeout-seconds' is '-1'; expected a whole number from 0 to 21600."
    ],
    [
      { 'poll-interval-seconds': '0' },
      "Input 'poll-interval-seconds' is '0'; expected a whole number from 1 to 3600."
    ],
    [
      { 'fail-on-no-match': 'sure' },
      "Input 'fail-on-no-match' is 'sure'; expected 'true' or 'false'."
    ]
  ] as const)('refuses bad gate inputs before any request: %j', async (inputs, expected) => {
    expect(failure(await run(inputs))).toContain(expected)
    expect(server().requests).toHaveLength(0)
  })
})

describe('waiting, in real time', () => {
  it('ends soon after a Reply-button approval arrives, and a rejection ends it at once', async () => {
    const question = ask()
    const pending = run(
      gate(question, { 'wait-timeout-seconds': '30', 'poll-interval-seconds': '1' })
    )
    await new Promise(resolve => setTimeout(resolve, 1_500))
    server().reply(ROOM, ALICE, question, 'hmm')
    const reply = server().reply(ROOM, ALICE, question, '/approve')
    const arrived = performance.now()
    const result = ok(await pending)
    expect(result.outputs['matched-message-id']).toBe(reply.message_id)
    // It ended when the answer came, not at the 30 s timeout.
    expect(performance.now() - arrived).toBeLessThan(10_000)
    expect(result.stdout).toContain(
      `Looking in room ${ROOM} for a message matching ^/approve\\b (or a rejection matching ^/reject\\b) not from the token's own account replying to message ${question}, for up to 30 s.`
    )
    expect(result.stdout).toContain('it says "hmm"')

    const next = ask()
    const rejecting = run(
      gate(next, { 'wait-timeout-seconds': '30', 'poll-interval-seconds': '1' })
    )
    await new Promise(resolve => setTimeout(resolve, 1_000))
    server().reply(ROOM, BOB, next, '/reject')
    const rejected = await rejecting
    expect(failure(rejected)).toContain(`Rejected in room ${ROOM} by ${BOB.name}`)
    expect(rejected.outputs.decision).toBe('rejected')
  })

  it('times out with decision timed-out, failing with fail-on-no-match, polling at the interval', async () => {
    const question = ask()
    const started = performance.now()
    const result = await run(
      gate(question, {
        'wait-timeout-seconds': '2',
        'poll-interval-seconds': '1',
        'fail-on-no-match': 'true'
      })
    )
    const elapsed = performance.now() - started
    expect(failure(result)).toBe(
      `No decision in room ${ROOM} within 2 s: waited for a message matching ^/approve\\b (or a rejection matching ^/reject\\b) not from the token's own account replying to message ${question}; 0 of 1 approval arrived, and 0 message(s) from allowed accounts did not match. 'fail-on-no-match' is true.`
    )
    expect(result.outputs).toMatchObject({ matched: 'false', decision: 'timed-out' })
    expect(elapsed).toBeGreaterThan(2_000)
    // One look at the start and one a second for 2 s, plus GET /me: no busy loop.
    expect(listRequests()).toBeGreaterThanOrEqual(2)
    expect(listRequests()).toBeLessThanOrEqual(4)
    expect(server().requestsTo('GET', '/me')).toHaveLength(1)
  })

  it('says nothing of pacing that adds less than a second (300 requests per 5 minutes, 1 s polls)', async () => {
    const result = ok(
      await runAgainst(server(), {
        mode: 'fetch',
        'from-account-ids': '2002',
        'wait-timeout-seconds': '2',
        'poll-interval-seconds': '1'
      })
    )
    expect(server().requestsTo('GET', `/rooms/${ROOM}/messages`).length).toBeGreaterThan(1)
    expect(result.stdout).not.toContain('Slowing down')
  })

  it("slows down before the token's rate limit runs out, says so, and never hits 429", async () => {
    const limited = await new ChatworkEmulator({
      tokenLimit: { max: 12, windowMs: 60_000 }
    }).start()
    try {
      const result = ok(
        await runAgainst(limited, {
          mode: 'fetch',
          'from-account-ids': '2002',
          'wait-timeout-seconds': '2',
          'poll-interval-seconds': '1'
        })
      )
      // 11 left of 12 after the first look, 2 kept for others: about 60 s / 9 between looks,
      // cut to the 2 s left of the wait.
      expect(result.stdout).toMatch(
        /Slowing down to spare the token's rate limit \(11 of 12 requests left in this window\): next look in [12]\.\d s\./
      )
      expect(limited.requests.every(r => r.status !== 429)).toBe(true)
      expect(limited.requests.length).toBeLessThanOrEqual(2)
    } finally {
      await limited.stop()
    }
  })
})

/** Resolves once the step has looked at the room `count` times: what it saw first is known. */
async function looked(count: number): Promise<void> {
  const deadline = performance.now() + 30_000
  while (listRequests() < count) {
    if (performance.now() > deadline) throw new Error(`the step did not look ${count} time(s)`)
    await new Promise(resolve => setTimeout(resolve, 20))
  }
}

const ownRule =
  "the token's own messages (account 1001) never count unless 'from-account-ids' names that account."

describe('fails closed', () => {
  it('never approves a waiting gate on an answer from before its first look', async () => {
    // The previous deploy's question and its answer, still among the room's last 100.
    const old = ask()
    server().reply(ROOM, ALICE, old, '/approve')
    const newest = server().post(ROOM, BOB, 'deployed, thanks')
    const waiting = { match: '^/approve\\b', 'poll-interval-seconds': '1' }
    // replies-to is empty when the asking step failed or its id is misspelled.
    const stale = ok(await run({ ...waiting, 'replies-to': '', 'wait-timeout-seconds': '2' }))
    expect(stale.outputs).toMatchObject({
      decision: 'timed-out',
      matched: 'false',
      approvers: '[]'
    })
    expect(stale.stdout).toContain(
      `Looking in room ${ROOM} for a message matching ^/approve\\b not from the token's own account, for up to 2 s. Counting only messages newer than message ${newest.message_id}, the newest at the first look; ${ownRule}`
    )
    expect(stale.stdout).not.toContain('::warning::')

    server().forgetRequests()
    const pending = run({ ...waiting, 'wait-timeout-seconds': '30' })
    await looked(1)
    const fresh = server().post(ROOM, ALICE, '/approve')
    const approved = ok(await pending)
    expect(approved.outputs).toMatchObject({
      decision: 'approved',
      'matched-message-id': fresh.message_id,
      approvers: JSON.stringify([String(ALICE.account_id)])
    })
    expect(listRequests()).toBeGreaterThanOrEqual(2)
  })

  it('counts an answer from before the first look when replies-to names the question', async () => {
    const question = ask()
    const reply = server().reply(ROOM, ALICE, question, '/approve')
    server().post(ROOM, BOB, 'lunch?')
    const result = ok(await run(gate(question, { 'wait-timeout-seconds': '30' })))
    expect(result.outputs['matched-message-id']).toBe(reply.message_id)
    expect(result.stdout).toContain(
      `replying to message ${question}, for up to 30 s. Counting only messages newer than message ${question} ('replies-to'); ${ownRule}`
    )
    expect(listRequests()).toBe(1)
  })

  it('warns once when a gate looks once with match and no anchor', async () => {
    server().post(ROOM, ALICE, '/approve')
    const result = ok(await run({ match: '^/approve\\b' }))
    expect(result.outputs.decision).toBe('approved')
    expect(result.stdout.split('\n').filter(line => line.startsWith('::warning::'))).toEqual([
      "::warning::The gate looks once ('wait-timeout-seconds' is 0) with 'match' but without 'after-message-id' or 'replies-to': any matching message among the room's last 100 counts, also one left by an earlier run. Set 'replies-to' to the message-id output of the step that asked."
    ])
    expect(result.stdout).toContain(
      `Looking in room ${ROOM} for a message matching ^/approve\\b not from the token's own account. Counting any message among the last 100 fetched; ${ownRule}`
    )
    const question = ask()
    const anchoredOrWaiting: Record<string, string>[] = [
      { match: '^/approve\\b', 'after-message-id': question },
      { match: '^/approve\\b', 'replies-to': question },
      { 'from-account-ids': String(ALICE.account_id) }
    ]
    for (const inputs of anchoredOrWaiting) {
      expect(ok(await run(inputs)).stdout).not.toContain('::warning::')
    }
  })

  it("never counts the token's own messages unless from-account-ids names its account", async () => {
    const question = ask()
    // Another step with the same token, or a bot that echoes the instructions.
    const own = server().post(ROOM, BOT, '/approve')
    const afterOnly = ok(await run({ 'after-message-id': question }))
    expect(afterOnly.outputs).toMatchObject({ decision: 'none', matched: 'false', count: '0' })
    expect(afterOnly.stdout).toContain(
      `Looking in room ${ROOM} for a message not from the token's own account newer than message ${question}. Counting only messages newer than message ${question} ('after-message-id'); ${ownRule}`
    )
    expect(server().requestsTo('GET', '/me')).toHaveLength(1)
    // The bot is an admin of the room: from-roles does not let it in either.
    const admins = { match: '^/approve', 'after-message-id': question, 'from-roles': 'admin' }
    expect(ok(await run(admins)).outputs.decision).toBe('none')
    const others = { match: '^/approve', 'after-message-id': question, 'from-account-ids': '2002' }
    expect(ok(await run(others)).outputs.decision).toBe('none')

    const named = ok(
      await run({
        match: '^/approve',
        'after-message-id': question,
        'from-account-ids': `2002, ${BOT.account_id}`
      })
    )
    expect(named.outputs).toMatchObject({
      decision: 'approved',
      'matched-message-id': own.message_id,
      'matched-account-id': String(BOT.account_id)
    })
    expect(named.stdout).toContain(
      `from accounts 2002, 1001 newer than message ${question}. Counting only messages newer than message ${question} ('after-message-id'); the token's own messages count only if 'from-account-ids' names its account.`
    )
  })
})
