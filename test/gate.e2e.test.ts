/**
 * End-to-end: fetch as an approval gate, with the bundled action against the emulator.
 */
import { describe, expect, it } from 'vitest'
import { ALICE, BOB, BOT, ChatworkEmulator, ROOM } from './emulator/chatwork-emulator.js'
import { failure, ok, runAgainst, useEmulator } from './support/e2e.js'

const server = useEmulator()

function run(inputs: Record<string, string>) {
  return runAgainst(server(), { mode: 'fetch', ...inputs })
}

/** The bot asks; returns the question's id, as the asking step's message-id output would be. */
function ask(): string {
  return server().post(ROOM, BOT, 'Deploy v2 to production? Reply /approve').message_id
}

function listRequests(): number {
  return server().requestsTo('GET', `/rooms/${ROOM}/messages`).length
}

describe('matching', () => {
  it('finds an approval from the right account', async () => {
    const question = ask()
    const reply = server().post(ROOM, ALICE, '/approve ship it')
    const result = ok(
      await run({
        match: '^/approve\\b',
        'from-account-ids': `${ALICE.account_id}`,
        'after-message-id': question
      })
    )
    expect(result.outputs).toMatchObject({
      matched: 'true',
      'matched-message-id': reply.message_id,
      'matched-message-body': '/approve ship it',
      'matched-account-id': String(ALICE.account_id),
      count: '1'
    })
    expect(JSON.parse(result.outputs.messages ?? '')).toEqual([reply])
    expect(server().requests).toHaveLength(1)
  })

  it('ignores a match from an account that may not approve', async () => {
    const question = ask()
    server().post(ROOM, BOB, '/approve')
    const result = ok(
      await run({
        match: '^/approve',
        'from-account-ids': `${ALICE.account_id}`,
        'after-message-id': question
      })
    )
    expect(result.outputs).toMatchObject({
      matched: 'false',
      'matched-message-id': '',
      count: '0',
      messages: '[]'
    })
  })

  it('ignores an old approval from before the question', async () => {
    server().post(ROOM, ALICE, '/approve (for yesterday’s deploy)')
    const question = ask()
    const result = ok(await run({ match: '^/approve', 'after-message-id': question }))
    expect(result.outputs.matched).toBe('false')
  })

  it("never lets the token's own question approve itself", async () => {
    ask()
    const result = ok(await run({ match: '/approve' }))
    expect(result.outputs.matched).toBe('false')
    expect(server().requests.map(r => r.path)).toEqual(['/me', `/rooms/${ROOM}/messages`])
  })

  it('refuses bad gate inputs before any request', async () => {
    for (const [inputs, expected] of [
      [{ match: '(' }, "Input 'match' is '(', which is not a valid regular expression"],
      [
        { 'from-account-ids': 'alice' },
        "Input 'from-account-ids' has 'alice'; expected Chatwork account ids"
      ],
      [
        { 'after-message-id': '12.5' },
        "Input 'after-message-id' is '12.5'; expected a Chatwork message id"
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
    ] as const) {
      expect(failure(await run(inputs))).toContain(expected)
    }
    expect(server().requests).toHaveLength(0)
  })
})

describe('waiting', () => {
  it('ends soon after a reply arrives while it waits', async () => {
    const question = ask()
    const started = performance.now()
    const pending = run({
      match: '^/approve',
      'from-account-ids': `${ALICE.account_id}`,
      'after-message-id': question,
      'wait-timeout-seconds': '30',
      'poll-interval-seconds': '1'
    })
    await new Promise(resolve => setTimeout(resolve, 2_500))
    server().post(ROOM, BOB, '/approve (not allowed)')
    const reply = server().post(ROOM, ALICE, '/approve')
    const arrived = performance.now()
    const result = ok(await pending)
    const after = performance.now() - arrived
    expect(result.outputs['matched-message-id']).toBe(reply.message_id)
    expect(after).toBeLessThan(2_000)
    expect(result.stdout).toMatch(
      /Waiting for a message matching \/\^\\\/approve\/ from account 2002 newer than message \d+ in room \d+: \d+ s of 30 s waited, next look in 1 s\./
    )
    console.log(
      `gate: reply seen ${Math.round(after)} ms after it arrived; ${Math.round(arrived - started)} ms of waiting`
    )
  })

  it('fails the step when nothing matches in time, with matched=false, polling at the interval', async () => {
    const question = ask()
    const started = performance.now()
    const result = await run({
      match: '^/approve',
      'after-message-id': question,
      'wait-timeout-seconds': '3',
      'poll-interval-seconds': '1',
      'fail-on-no-match': 'true'
    })
    const elapsed = performance.now() - started
    expect(failure(result)).toBe(
      `No message matching /^\\/approve/ from anyone but the token's own account newer than message ${question} arrived in room ${ROOM} within 3 s, and 'fail-on-no-match' is true.`
    )
    expect(result.outputs.matched).toBe('false')
    expect(elapsed).toBeGreaterThan(3_000)
    expect(elapsed).toBeLessThan(5_500)
    // One look at the start and one a second for 3 s, plus GET /me: no busy loop.
    expect(listRequests()).toBeGreaterThanOrEqual(3)
    expect(listRequests()).toBeLessThanOrEqual(5)
    expect(server().requestsTo('GET', '/me')).toHaveLength(1)
  })

  it('without fail-on-no-match, no match after waiting is a success with matched=false', async () => {
    const result = ok(
      await run({ match: 'never', 'wait-timeout-seconds': '1', 'poll-interval-seconds': '1' })
    )
    expect(result.outputs.matched).toBe('false')
  })

  it("slows down before the token's rate limit runs out, and never hits 429", async () => {
    const limited = await new ChatworkEmulator({
      tokenLimit: { limit: 12, windowMs: 60_000 }
    }).start()
    try {
      const result = ok(
        await runAgainst(limited, {
          mode: 'fetch',
          'from-account-ids': '2002',
          'wait-timeout-seconds': '4',
          'poll-interval-seconds': '1'
        })
      )
      // 11 left of 12 after the first look, 2 kept for others: about 60 s / 9 between looks.
      expect(result.stdout).toMatch(/next look in [4-9] s/)
      expect(limited.requests.every(r => r.status !== 429)).toBe(true)
      expect(limited.requests.length).toBeLessThanOrEqual(2)
    } finally {
      await limited.stop()
    }
  })
})
