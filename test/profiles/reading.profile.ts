/** The gate and fetch under every profile: the same decisions, and the Free plan said once. */
import { afterEach, describe, expect, it } from 'vitest'
import { ALICE, BOB, BOT, ROOM } from '../../tools/emulator/index.js'
import { ok, runAgainst, useEmulator } from '../support/e2e.js'
import { EXERCISES, ServedTally, profileCases } from './matrix.js'

const limitationWarnings = (stdout: string) =>
  stdout
    .split('\n')
    .filter(l => l.startsWith('::warning') && l.includes('chatwork-message-limitation'))

describe.each(profileCases())('under $name', ({ profile }) => {
  const server = useEmulator({ profile })
  const tally = new ServedTally()
  afterEach(() => tally.add(server().served))
  const limited = profile.freePlan === 'limited'

  it('the gate approves a Reply-button approval and ignores a quoted one', async () => {
    const question = server().post(ROOM, BOT, 'Deploy? Reply /approve').message_id
    const asked = server().messages(ROOM)[0]
    if (!asked) throw new Error('no question')
    server().quote(ROOM, BOB, asked, 'not yet')
    const reply = server().reply(ROOM, ALICE, question, '/approve')
    const result = ok(
      await runAgainst(server(), { mode: 'fetch', match: '^/approve\\b', 'replies-to': question })
    )
    expect(result.outputs).toMatchObject({
      decision: 'approved',
      'matched-message-id': reply.message_id
    })
    expect(limitationWarnings(result.stdout)).toHaveLength(limited ? 1 : 0)
  })

  it("after-message-id counts what was posted after the anchor, whatever the ids' order", async () => {
    const stale = server().post(ROOM, BOB, '/approve')
    const question = server().post(ROOM, BOT, 'Deploy? Reply /approve').message_id
    const reply = server().reply(ROOM, ALICE, question, '/approve')
    const ids = [stale.message_id, question, reply.message_id].map(BigInt)
    const ascending = ids.every((id, i) => i === 0 || id > (ids[i - 1] ?? id))
    // Unordered, the stale answer's id is above the question's, or the reply's below it.
    expect(ascending).toBe(profile.messageIds !== 'unordered')
    const result = ok(
      await runAgainst(server(), {
        mode: 'fetch',
        match: '^/approve',
        'after-message-id': question
      })
    )
    expect(result.outputs).toMatchObject({
      decision: 'approved',
      'matched-message-id': reply.message_id,
      approvers: JSON.stringify([String(ALICE.account_id)])
    })
    expect(result.stdout).toContain(
      `Message ${stale.message_id} from "${BOB.name}" (${BOB.account_id}) does not count: posted before the anchor`
    )
  })

  it('fetch gives every message, newest last, and hides none of the last 40 days', async () => {
    const old = server().post(
      ROOM,
      ALICE,
      'two months ago',
      Math.floor(Date.now() / 1000) - 60 * 86_400
    )
    const first = server().post(ROOM, ALICE, 'one')
    const second = server().post(ROOM, BOB, 'two')
    const result = ok(await runAgainst(server(), { mode: 'fetch' }))
    expect(result.outputs['last-message-id']).toBe(second.message_id)
    const ids = (JSON.parse(result.outputs.messages ?? '[]') as { message_id: string }[]).map(
      m => m.message_id
    )
    expect(ids).toEqual(
      limited
        ? [first.message_id, second.message_id]
        : [old.message_id, first.message_id, second.message_id]
    )
    expect(limitationWarnings(result.stdout)).toHaveLength(limited ? 1 : 0)
  })

  it('served its profile', () => {
    tally.expectServed(profile, EXERCISES.reading)
  })
})
