/**
 * mode ask under the profiles that touch it: the question posted and the decision announced
 * exactly once, also after lost answers, and a Reply counted by its place after the question
 * whatever its id.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { ALICE, CAROL, ROOM, type ChatworkEmulator } from '../../tools/emulator/index.js'
import { ok, runAgainst, useEmulator } from '../support/e2e.js'
import { announcementsOf, questionOf } from '../support/ask.js'
import { EXERCISES, ServedTally, casesFor } from './matrix.js'

/**
 * Long enough for a busy machine, the answers end the wait long before; shorter than the test's
 * timeout, so that an answer not counted shows as `timed-out`.
 */
const WAITING = { 'wait-timeout-seconds': '40', 'poll-interval-seconds': '1' }

/**
 * Under `messageIds=unordered` the pair of posts (2k, 2k+1) gets ids in falling order: posts
 * until the next one starts a pair, so that a question's Reply gets the smaller id.
 */
function startPair(server: ChatworkEmulator): void {
  const a = BigInt(server.post(ROOM, CAROL, 'chatter').message_id)
  const b = BigInt(server.post(ROOM, CAROL, 'chatter').message_id)
  if (b > a) server.post(ROOM, CAROL, 'chatter')
}

describe.each(casesFor(EXERCISES.ask))('under $name', ({ profile }) => {
  const server = useEmulator({ profile })
  const tally = new ServedTally()
  afterEach(() => tally.add(server().served))
  const ask = (message: string) => runAgainst(server(), { mode: 'ask', message, ...WAITING })
  const posts = () => server().requestsTo('POST', `/rooms/${ROOM}/messages`)

  it('a Reply approves, also with an id below the question; announced once', async () => {
    startPair(server())
    const running = ask('Deploy v3?')
    const id = await questionOf(server(), 'Deploy v3?')
    const reply = server().reply(ROOM, ALICE, id, 'ok')
    expect(BigInt(reply.message_id) < BigInt(id)).toBe(profile.messageIds === 'unordered')
    const result = ok(await running)
    expect(result.outputs).toMatchObject({
      'message-id': id,
      decision: 'approved',
      'matched-message-id': reply.message_id
    })
    expect(announcementsOf(server(), id)).toEqual([
      `Approved by ${ALICE.name} (${ALICE.account_id}).`
    ])
    expect(posts()).toHaveLength(2)
  })

  it("the question's and the announcement's answers lost: each posted exactly once", async () => {
    server().inject({
      fault: { kind: 'drop-after' },
      times: 2,
      method: 'POST',
      pathPrefix: `/rooms/${ROOM}/messages`
    })
    const running = ask('Migrate now?')
    const id = await questionOf(server(), 'Migrate now?')
    server().reply(ROOM, ALICE, id, 'approve')
    const result = ok(await running)
    expect(result.outputs).toMatchObject({ 'message-id': id, decision: 'approved' })
    expect(posts().map(r => r.status)).toEqual([-2, -2])
    expect(
      server()
        .messages(ROOM)
        .filter(m => m.body === 'Migrate now?')
    ).toHaveLength(1)
    expect(announcementsOf(server(), id)).toEqual([
      `Approved by ${ALICE.name} (${ALICE.account_id}).`
    ])
  })

  it('served its profile', () => {
    tally.expectServed(profile, EXERCISES.ask)
  })
})
