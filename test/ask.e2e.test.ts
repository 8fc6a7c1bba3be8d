/**
 * End-to-end: mode ask, the bundled action against the emulator. The test answers while the
 * action waits: it finds the question among the room's messages, then presses "Reply" (or the
 * To button, or writes a plain message) as a person would.
 */
import { describe, expect, it } from 'vitest'
import type { ChildProcess } from 'node:child_process'
import { ALICE, BOB, BOT, CAROL, ROOM } from '../tools/emulator/index.js'
import { failure, ok, runAgainst, useEmulator } from './support/e2e.js'
import { announcementsOf, questionOf } from './support/ask.js'

const server = useEmulator()

/** Waits long enough for a busy machine; the answers end the wait long before. */
const WAITING = { 'wait-timeout-seconds': '120', 'poll-interval-seconds': '1' }

function ask(
  message: string,
  inputs: Record<string, string> = {},
  onSpawn?: (child: ChildProcess) => void
) {
  return runAgainst(server(), { mode: 'ask', message, ...WAITING, ...inputs }, { onSpawn })
}

const question = (text: string) => questionOf(server(), text)
const announcements = (questionId: string) => announcementsOf(server(), questionId)

describe('ask: one step, answered by Reply', () => {
  it('approves with a Reply; To-button and plain answers are named, not counted', async () => {
    const running = ask('Deploy v2?')
    const id = await question('Deploy v2?')
    server().mention(ROOM, BOB, BOT, 'ok')
    server().post(ROOM, CAROL, 'approve')
    const reply = server().reply(ROOM, ALICE, id, 'ok')
    const result = ok(await running)
    expect(result.outputs).toMatchObject({
      'message-id': id,
      decision: 'approved',
      matched: 'true',
      approvers: JSON.stringify([String(ALICE.account_id)]),
      'matched-message-id': reply.message_id,
      ok: 'true'
    })
    for (const who of [BOB, CAROL]) {
      expect(result.stdout).toMatch(
        new RegExp(
          `from "${who.name}" \\(${who.account_id}\\) does not count: not a Reply to the question.*Press Reply on the question`
        )
      )
    }
    expect(result.summary).toContain('Press Reply on the question to answer.')
    expect(announcements(id)).toEqual([`Approved by ${ALICE.name} (${ALICE.account_id}).`])
  })

  it('keeps two asks pending in one room apart', async () => {
    const first = ask('Deploy A?')
    const second = ask('Deploy B?', { 'fail-on-reject': 'false' })
    const [a, b] = await Promise.all([question('Deploy A?'), question('Deploy B?')])
    server().reply(ROOM, ALICE, b, 'no')
    server().reply(ROOM, BOB, a, 'ＯＫ！', { name: 'Nameさん' })
    const [resultA, resultB] = await Promise.all([first, second])
    expect(ok(resultA).outputs).toMatchObject({ 'message-id': a, decision: 'approved' })
    expect(ok(resultB).outputs).toMatchObject({
      'message-id': b,
      decision: 'rejected',
      ok: 'true',
      matched: 'false'
    })
    expect(announcements(a)).toEqual([`Approved by ${BOB.name} (${BOB.account_id}).`])
    expect(announcements(b)).toEqual([`Rejected by ${ALICE.name} (${ALICE.account_id}): "no"`])
  })

  it('counts the whole first line only: "No problem", "disapprove", "承認しません" are neither', async () => {
    const running = ask('Ship it?', { language: 'ja' })
    const id = await question('Ship it?')
    server().reply(ROOM, ALICE, id, 'No problem')
    server().reply(ROOM, BOB, id, 'disapprove')
    server().reply(ROOM, CAROL, id, '承認しません')
    server().reply(ROOM, CAROL, id, '／approve。', { name: ' Name', newline: '\r\n' })
    const result = ok(await running)
    expect(result.outputs.decision).toBe('approved')
    expect(result.stdout).toContain('it says "No problem"')
    expect(result.stdout).toContain('it says "disapprove"')
    expect(result.stdout).toContain('it says "承認しません"')
    expect(announcements(id)).toEqual([`承認されました: ${CAROL.name} (${CAROL.account_id})`])
  })

  it('fails on a rejection and tells the room what was written, escaped', async () => {
    const running = ask('Migrate?')
    const id = await question('Migrate?')
    server().reply(ROOM, BOB, id, '却下します。\n[toall] not today')
    const result = await running
    expect(failure(result)).toContain(`Rejected in room ${ROOM} by ${BOB.name}`)
    expect(result.outputs).toMatchObject({ decision: 'rejected', 'message-id': id, ok: 'false' })
    expect(announcements(id)).toEqual([
      `Rejected by ${BOB.name} (${BOB.account_id}): "却下します。 [\u200Btoall] not today"`
    ])
  })

  it('says "1 of 2 approvals (name, id)" when the wait ends without a decision', async () => {
    const running = ask('Two of you?', {
      'min-approvals': '2',
      'wait-timeout-seconds': '3',
      'fail-on-no-match': 'true'
    })
    const id = await question('Two of you?')
    server().reply(ROOM, CAROL, id, 'lgtm')
    const result = await running
    expect(failure(result)).toContain(
      `1 of 2 approvals (${CAROL.name}, ${CAROL.account_id}) arrived`
    )
    expect(result.stdout).toContain(
      `Decision: timed-out: 1 of 2 approvals (${CAROL.name}, ${CAROL.account_id})`
    )
    expect(result.outputs).toMatchObject({ decision: 'timed-out', 'message-id': id })
    expect(announcements(id)).toEqual([
      `No decision within 3 s: 1 of 2 approvals (${CAROL.name}, ${CAROL.account_id}).`
    ])
  })

  it("announces exactly once when the announcement's answer is lost", async () => {
    const running = ask('Lost answer?')
    const id = await question('Lost answer?')
    server().inject({
      fault: { kind: 'drop-after' },
      times: 1,
      method: 'POST',
      pathPrefix: `/rooms/${ROOM}/messages`
    })
    server().reply(ROOM, ALICE, id, 'yes')
    const result = ok(await running)
    expect(result.outputs.decision).toBe('approved')
    expect(server().requestsTo('POST', `/rooms/${ROOM}/messages`)).toHaveLength(2)
    expect(announcements(id)).toEqual([`Approved by ${ALICE.name} (${ALICE.account_id}).`])
  })

  it('with announce-decision false, posts only the question', async () => {
    const running = ask('Quiet?', { 'announce-decision': 'false' })
    const id = await question('Quiet?')
    server().reply(ROOM, ALICE, id, 'approved')
    expect(ok(await running).outputs.decision).toBe('approved')
    expect(announcements(id)).toEqual([])
    expect(server().requestsTo('POST', `/rooms/${ROOM}/messages`)).toHaveLength(1)
  })

  it('on SIGTERM, tells the room the run was cancelled and fails', async () => {
    let child: ChildProcess | undefined
    const running = ask('Cancel me?', {}, started => (child = started))
    const id = await question('Cancel me?')
    child?.kill('SIGTERM')
    const result = await running
    expect(result.exitCode, result.stdout + result.stderr).not.toBe(0)
    expect(failure(result)).toContain(
      `Cancelled (SIGTERM) while waiting for a Reply to message ${id}`
    )
    expect(result.outputs['message-id']).toBe(id)
    expect(announcements(id)).toEqual([
      'Cancelled: the workflow run was cancelled before a decision.'
    ])
  })

  it('fail-on-reject false keeps fetch green on a rejection too', async () => {
    const asked = server().post(ROOM, BOT, 'Go?').message_id
    server().reply(ROOM, ALICE, asked, '/reject not yet')
    const inputs = {
      mode: 'fetch',
      'replies-to': asked,
      match: '^/approve',
      'reject-match': '^/reject'
    }
    const green = ok(await runAgainst(server(), { ...inputs, 'fail-on-reject': 'false' }))
    expect(green.outputs).toMatchObject({ decision: 'rejected', ok: 'true', matched: 'false' })
    expect(failure(await runAgainst(server(), inputs))).toContain(`Rejected in room ${ROOM}`)
  })

  it('needs a message, and one room', async () => {
    const none = await runAgainst(server(), { mode: 'ask' })
    expect(failure(none)).toBe("Input 'message' (or 'message-file') is required for mode 'ask'.")
    const two = await runAgainst(server(), { mode: 'ask', message: 'x', 'room-id': `${ROOM},1` })
    expect(failure(two)).toContain("mode 'ask' takes exactly one room")
    const replies = await runAgainst(server(), {
      mode: 'ask',
      message: 'x',
      'replies-to': '5',
      'dry-run': 'true'
    })
    expect(ok(replies).stdout).toContain(
      "Input 'replies-to' does not apply to mode 'ask' and is ignored."
    )
    expect(server().requests).toHaveLength(0)
  })
})

describe("ask: the README's four-eyes recipe", () => {
  it('needs two of the people listed by login; the one who started the run does not count', async () => {
    const running = runAgainst(
      server(),
      {
        mode: 'ask',
        message: 'Deploy to production?',
        ...WAITING,
        'account-map': 'alice: 2002\nbob: 3003\ncarol: 4004',
        'from-account-ids': 'alice, bob, carol',
        'exclude-initiator': 'true',
        'min-approvals': '2',
        'fail-on-no-match': 'true'
      },
      { env: { GITHUB_ACTOR: 'carol', GITHUB_TRIGGERING_ACTOR: 'carol' } }
    )
    const id = await question('Deploy to production?')
    server().reply(ROOM, CAROL, id, 'approve')
    server().reply(ROOM, ALICE, id, 'approve')
    server().reply(ROOM, BOB, id, 'lgtm')
    const result = ok(await running)
    expect(result.outputs).toMatchObject({
      decision: 'approved',
      approvers: JSON.stringify([String(ALICE.account_id), String(BOB.account_id)])
    })
    expect(result.stdout).toContain(
      `from "${CAROL.name}" (${CAROL.account_id}) does not count: author is the initiator`
    )
    expect(announcements(id)).toHaveLength(1)
  })
})
