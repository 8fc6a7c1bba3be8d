/**
 * End-to-end: who may answer a gate (logins through account-map, exclude-initiator), how the
 * action reads what people wrote after the buttons' tags and names (names from the room's
 * members list), and why an answer that matches did not count, in the log and the summary.
 */
import { describe, expect, it } from 'vitest'
import { ALICE, BOB, BOT, CAROL, ROOM } from '../tools/emulator/index.js'
import { failure, fetchOn, ok, useEmulator } from './support/e2e.js'
import { postQuestion } from './support/ask.js'
import { table } from './support/table.js'

const server = useEmulator()

const MAP = 'alice: 2002\nbob: 3003\ncarol: 4004'

const run = fetchOn(server)

const ask = () => postQuestion(server())

describe('reading what people wrote, with names from the members list', () => {
  const q = () => server().messages(ROOM).at(-1)?.message_id ?? ''
  table([
    ['[toall] /approve', () => '[toall] /approve'],
    ['[To:N]Name /approve', () => `[To:${BOT.account_id}]${BOT.name} /approve`],
    ['[To:N] Nameさん /approve', () => `[To:${BOT.account_id}] ${BOT.name}さん /approve`],
    [
      '[rp aid=N to=…]Name 様 /approve',
      () => `[rp aid=1001 to=${ROOM}-${q()}]${BOT.name} 様 /approve`
    ],
    [
      '[返信 aid=N to=…]Nameさん',
      () => `[返信 aid=1001 to=${ROOM}-${q()}]${BOT.name}さん\n/approve`
    ],
    ['[Reply aid=N to=…] Name', () => `[Reply aid=1001 to=${ROOM}-${q()}] ${BOT.name} /approve`]
  ])('%s counts as /approve', async (_, body) => {
    ask()
    const answer = server().post(ROOM, ALICE, body())
    const result = ok(await run({ match: '^/approve$', 'from-account-ids': '2002' }))
    expect(result.outputs).toMatchObject({
      decision: 'approved',
      'matched-message-id': answer.message_id,
      'matched-message-text': '/approve'
    })
    // No GET /me: the bot's name came from the members list.
    expect(
      server()
        .requests.map(r => r.path)
        .sort()
    ).toEqual([`/rooms/${ROOM}/members`, `/rooms/${ROOM}/messages`].sort())
  })

  it("the buttons' name styles, on one line", async () => {
    for (const name of ['Name', ' Name', 'Nameさん'] as const) {
      server().reset()
      ask()
      server().mention(ROOM, ALICE, BOT, '/approve', { name, newline: ' ' })
      const result = ok(await run({ match: '^/approve$', 'from-account-ids': '2002' }))
      expect(result.outputs['matched-message-text'], name).toBe('/approve')
    }
  })

  it('never counts a localized quote', async () => {
    const question = ask()
    server().post(ROOM, ALICE, '[引用 aid=1001 time=1700000000]/approve[/引用]\nhm')
    server().post(ROOM, BOB, '[Quote aid=1001 time=1700000000]/approve[/Quote]')
    const result = ok(await run({ match: '^/approve', 'after-message-id': question }))
    expect(result.outputs).toMatchObject({ decision: 'none', count: '0' })
    expect(result.stdout).toContain('it says "hm"')
  })
})

describe('why an answer did not count', () => {
  const row = (name: string, text: string, reason: string) =>
    new RegExp(`<td>${name}</td><td>${text}</td><td>${reason}</td></tr>`)
  it.each([
    {
      reason: 'not a Reply to the question',
      inputs: (question: string) => ({ 'replies-to': question }),
      answer: () => server().post(ROOM, ALICE, '/approve')
    },
    {
      reason: "author's role not in from-roles",
      inputs: () => ({ 'from-roles': 'admin' }),
      answer: () => server().post(ROOM, BOB, '/approve')
    },
    {
      reason: 'author not among from-account-ids',
      inputs: () => ({ 'from-account-ids': '4004' }),
      answer: () => server().post(ROOM, ALICE, '/approve')
    },
    {
      reason: 'author is the initiator',
      inputs: () => ({ 'account-map': MAP, 'exclude-initiator': 'true' }),
      answer: () => server().post(ROOM, ALICE, '/approve')
    },
    {
      reason: 'posted before the anchor',
      inputs: (question: string) => ({ 'after-message-id': question }),
      answer: () => server().post(ROOM, ALICE, '/approve'),
      before: true
    }
  ])('$reason', async ({ reason, inputs, answer, before }) => {
    // The one reason a person can fix by pressing a button gets that advice in the log line.
    const advice =
      reason === 'not a Reply to the question'
        ? ' (the To button and plain messages never count). Press Reply on the question to answer'
        : ''
    const early = before ? answer() : undefined
    const question = ask()
    const message = early ?? answer()
    const result = ok(
      await run({ match: '^/approve$', ...inputs(question) }, { GITHUB_ACTOR: 'alice' })
    )
    expect(result.outputs.decision).toBe('none')
    const line = `Message ${message.message_id} from "${message.account.name}" (${message.account.account_id}) does not count: ${reason}${advice}. It says "/approve".`
    expect(result.stdout.split('\n').filter(l => l === line)).toHaveLength(1)
    expect(result.summary).toMatch(row(message.account.name, '/approve', reason))
  })

  it('names each answer once, however many looks', async () => {
    const question = ask()
    const message = server().post(ROOM, ALICE, '/approve')
    const result = ok(
      await run({
        match: '^/approve$',
        'replies-to': question,
        'wait-timeout-seconds': '3',
        'poll-interval-seconds': '1'
      })
    )
    expect(result.outputs.decision).toBe('timed-out')
    const lines = result.stdout.split('\n').filter(l => l.includes(`Message ${message.message_id}`))
    expect(lines).toHaveLength(1)
  })
})

describe('people by login', () => {
  it('takes logins in from-account-ids through account-map', async () => {
    const question = ask()
    server().reply(ROOM, ALICE, question, '/approve')
    const carol = server().reply(ROOM, CAROL, question, '/approve')
    const result = ok(
      await run({
        match: '^/approve$',
        'replies-to': question,
        'account-map': MAP,
        'from-account-ids': '@Carol'
      })
    )
    expect(result.outputs).toMatchObject({
      decision: 'approved',
      'matched-message-id': carol.message_id,
      approvers: JSON.stringify(['4004'])
    })
    expect(result.stdout).toContain('does not count: author not among from-account-ids')
  })

  it('refuses a login missing from the map, before any request', async () => {
    const result = await run({
      match: '^/approve$',
      'account-map': MAP,
      'from-account-ids': 'dave, 2002'
    })
    expect(failure(result)).toContain("Input 'from-account-ids': 'dave' is not in 'account-map'.")
    expect(server().requests).toHaveLength(0)
  })

  it('refuses a login without a map, before any request', async () => {
    const result = await run({ match: '^/approve$', 'from-account-ids': 'carol' })
    expect(failure(result)).toContain(
      "Input 'from-account-ids' has 'carol'; expected Chatwork account ids (digits only), or GitHub logins when 'account-map' is set"
    )
    expect(server().requests).toHaveLength(0)
  })
})

describe('exclude-initiator', () => {
  const inputs = (question: string) => ({
    match: '^/approve$',
    'replies-to': question,
    'account-map': MAP,
    'exclude-initiator': 'true'
  })

  it('excludes the actor and the triggering actor of a re-run', async () => {
    const question = ask()
    server().reply(ROOM, BOB, question, '/approve')
    server().reply(ROOM, ALICE, question, '/approve')
    const carol = server().reply(ROOM, CAROL, question, '/approve')
    const result = ok(
      await run(inputs(question), { GITHUB_ACTOR: 'bob', GITHUB_TRIGGERING_ACTOR: 'Alice' })
    )
    expect(result.outputs).toMatchObject({
      decision: 'approved',
      'matched-message-id': carol.message_id
    })
    expect(result.stdout.match(/does not count: author is the initiator/g)).toHaveLength(2)
    expect(result.stdout).toContain('not from bob (3003) or Alice (2002), who started the run')
  })

  it('says a bot has no account to exclude, and lets the others count', async () => {
    const question = ask()
    const alice = server().reply(ROOM, ALICE, question, '/approve')
    const result = ok(
      await run(inputs(question), {
        GITHUB_ACTOR: 'dependabot[bot]',
        GITHUB_TRIGGERING_ACTOR: 'dependabot[bot]'
      })
    )
    expect(result.stdout).toContain(
      "'exclude-initiator': 'dependabot[bot]' is a bot, with no Chatwork account to exclude."
    )
    expect(result.outputs['matched-message-id']).toBe(alice.message_id)
  })

  it('refuses an initiator missing from the map, and no map at all, before any request', async () => {
    const question = ask()
    const missing = await run(inputs(question), { GITHUB_ACTOR: 'dave' })
    expect(failure(missing)).toContain(
      "Input 'exclude-initiator' is 'true', and the initiator 'dave' is not in 'account-map'"
    )
    const noMap = await run({ ...inputs(question), 'account-map': '' }, { GITHUB_ACTOR: 'alice' })
    expect(failure(noMap)).toContain(
      "Input 'exclude-initiator' is 'true' and 'account-map' is not set"
    )
    expect(server().requests).toHaveLength(0)
  })
})
