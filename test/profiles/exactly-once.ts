/**
 * Exactly once under every profile: the bundled action after a lost answer (the request
 * reached Chatwork, the answer did not come back) sends nothing twice and loses nothing;
 * where the room cannot tell, it fails with advice naming the room.
 *
 * The suite runs in parts, one file each (exactly-once-N.profile.ts): its tests mostly wait (for
 * a look after a lost answer), and vitest runs the files of a run side by side but the tests of
 * one file one after the other.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { ALICE, BOB, BOT, ROOM, type Profile } from '../../tools/emulator/index.js'
import type { RunOptions } from '../../tools/run-action.js'
import { failure, ok, runAgainst, useEmulator } from '../support/e2e.js'
import { EXERCISES, ServedTally, profileCases } from './matrix.js'

const lost = { kind: 'drop-after' } as const
const HOUR = 3600

/** How many parts the profiles are dealt into: the exactly-once-N.profile.ts files. */
const PARTS = 4

/** The suite under every `PARTS`-th profile, from the `part`-th (1-based). */
export function exactlyOnceSuite(part: number): void {
  const cases = profileCases().filter((_, i) => i % PARTS === part - 1)
  // One profile (CHATWORK_EMULATOR_PROFILE) runs in part 1; the other files have none.
  if (cases.length === 0) it.skip(`part ${part} of ${PARTS}: no profile falls to it`)
  else describe.each(cases)('under $name', suiteUnder)
}

function suiteUnder({ profile }: { profile: Partial<Profile> }): void {
  const server = useEmulator({ profile })
  const tally = new ServedTally()
  afterEach(() => tally.add(server().served))
  const run = (inputs: Record<string, string>, options: Omit<RunOptions, 'inputs'> = {}) =>
    runAgainst(server(), inputs, options)
  const limited = profile.freePlan === 'limited'

  it('send: a lost answer is found, posted once, its id given', async () => {
    server().inject({ times: 1, method: 'POST', fault: lost })
    const result = ok(await run({ message: 'デプロイ完了: v1.2.3' }))
    expect(
      server()
        .messages(ROOM)
        .map(m => m.body)
    ).toEqual(['デプロイ完了: v1.2.3'])
    expect(server().requestsTo('POST')).toHaveLength(1)
    expect(result.outputs['message-id']).toBe(server().messages(ROOM)[0]?.message_id)
    const warnings = result.stdout
      .split('\n')
      .filter(l => l.includes('chatwork-message-limitation'))
    expect(warnings).toHaveLength(limited ? 1 : 0)
  })

  it('send with typed reply tags: never posted twice; undecided when stored rewritten', async () => {
    const question = server().post(ROOM, ALICE, 'Ready?')
    const body = `[Reply aid=${ALICE.account_id} to=${ROOM}-${question.message_id}]Alice\nyes`
    server().inject({ times: 1, method: 'POST', fault: lost })
    const result = await run({ message: body })
    expect(server().messages(ROOM)).toHaveLength(2)
    expect(server().requestsTo('POST')).toHaveLength(1)
    if (profile.localizedTags === 'canonical') {
      expect(failure(result)).toMatch(
        new RegExp(`Look in room ${ROOM} whether the message arrived`)
      )
    } else {
      expect(ok(result).outputs['message-id']).toBe(server().messages(ROOM)[1]?.message_id)
    }
  })

  it('upload: a lost answer is found, uploaded once', async () => {
    server().inject({ times: 1, method: 'POST', fault: lost })
    const result = ok(
      await run({ file: 'report.txt', message: '結果' }, { files: { 'report.txt': 'ok\n' } })
    )
    const files = server().rooms.get(ROOM)?.files ?? []
    expect(files).toHaveLength(1)
    expect(result.outputs['file-id']).toBe(String(files[0]?.file_id))
    expect(server().requestsTo('POST')).toHaveLength(1)
  })

  /** An identical open task from an earlier run, announced an hour ago. */
  function olderTask() {
    const before = server().messages(ROOM).length
    const old = server().addTask(ROOM, BOT, [ALICE.account_id, BOB.account_id], 'レビュー', {
      type: 'date',
      time: Date.parse('2030-07-01T21:59:59Z') / 1000
    })
    const notices = server().messages(ROOM).slice(before)
    for (const notice of notices) server().backdate(ROOM, notice.message_id, HOUR)
    return { old, notices }
  }

  const taskInputs = {
    mode: 'task',
    message: 'レビュー',
    to: `${ALICE.account_id},${BOB.account_id}`,
    'task-due': '2030-07-01',
    'time-zone': 'Europe/Berlin'
  }

  it('task: a lost answer is found among the open tasks, never created again', async () => {
    const { old } = olderTask()
    server().inject({ times: 1, method: 'POST', pathPrefix: `/rooms/${ROOM}/tasks`, fault: lost })
    const result = ok(await run(taskInputs))
    expect(server().requestsTo('POST', `/rooms/${ROOM}/tasks`)).toHaveLength(1)
    const created = server().tasks(ROOM).slice(old.length)
    expect(created).toHaveLength(2)
    expect(JSON.parse(result.outputs['task-ids'] ?? '')).toEqual(
      created.map(t => t.task_id.toString())
    )
  })

  it('task: an identical task whose notice cannot be read: fails with advice, not sent again', async () => {
    const { old, notices } = olderTask()
    for (const notice of notices) server().removeMessage(ROOM, notice.message_id)
    server().inject({ times: 1, method: 'POST', pathPrefix: `/rooms/${ROOM}/tasks`, fault: lost })
    const message = failure(await run(taskInputs))
    expect(message).toContain(`Look at the open tasks in room ${ROOM}`)
    expect(message).toContain(`Task ${old[0]?.task_id}`)
    expect(server().requestsTo('POST', `/rooms/${ROOM}/tasks`)).toHaveLength(1)
    expect(server().tasks(ROOM)).toHaveLength(old.length + 2)
  })

  it('task-done: a task done already, and one whose answer was lost: done, in the output, none lost', async () => {
    const [done, open] = server().addTask(ROOM, BOT, [ALICE.account_id, BOB.account_id], '確認')
    if (!done || !open) throw new Error('no tasks')
    server().setTaskStatus(ROOM, done.task_id, 'done')
    const openPath = `/rooms/${ROOM}/tasks/${open.task_id}/status`
    server().inject({ times: 1, method: 'PUT', pathPrefix: openPath, fault: lost })
    const ids = [done.task_id, open.task_id].map(String)
    const result = ok(await run({ mode: 'task-done', 'task-ids': ids.join(',') }))
    expect(JSON.parse(result.outputs['task-ids'] ?? '')).toEqual(ids)
    expect(
      server()
        .tasks(ROOM)
        .map(t => t.status)
    ).toEqual(['done', 'done'])
    // The lost one is asked once more (marking is idempotent); the done one once.
    const refused = profile.alreadyDone === '400'
    expect(
      server()
        .requestsTo('PUT')
        .map(r => [r.path, r.status])
    ).toEqual(
      expect.arrayContaining([
        [`/rooms/${ROOM}/tasks/${done.task_id}/status`, refused ? 400 : 200],
        [openPath, -2],
        [openPath, refused ? 400 : 200]
      ])
    )
    expect(server().requestsTo('PUT')).toHaveLength(3)
    expect(result.stdout.includes('refused (400) to mark it done again')).toBe(refused)
  })

  it("a time task without limit (as Chatwork's MCP server sends it), by mode api: created once or refused with advice", async () => {
    const result = await run({
      mode: 'api',
      'api-method': 'POST',
      'api-path': `/rooms/${ROOM}/tasks`,
      'api-params': `body: 手順書\nto_ids: ${ALICE.account_id}\nlimit_type: time`
    })
    expect(server().requestsTo('POST', `/rooms/${ROOM}/tasks`)).toHaveLength(1)
    if (profile.timeWithoutLimit !== 'accepted') {
      expect(failure(result)).toContain("give 'limit' (Unix seconds), or limit_type 'none'")
      expect(server().tasks(ROOM)).toHaveLength(0)
      return
    }
    ok(result)
    const [task] = server().tasks(ROOM)
    expect(server().tasks(ROOM)).toHaveLength(1)
    expect(task?.limit_type).toBe('none')
    // task-done finds it by its body, and marks it once.
    const done = ok(await run({ mode: 'task-done', 'task-match': '^手順書$' }))
    expect(done.outputs['task-ids']).toBe(`["${task?.task_id}"]`)
    expect(task?.status).toBe('done')
  })

  it('update: a lost answer is sent again (the same body twice does no harm)', async () => {
    const own = server().post(ROOM, BOT, 'building')
    server().inject({ times: 1, method: 'PUT', fault: lost })
    ok(await run({ mode: 'update', 'message-id': own.message_id, message: '完了' }))
    expect(
      server()
        .messages(ROOM)
        .map(m => m.body)
    ).toEqual(['完了'])
  })

  it('delete: a lost answer is never sent twice; undecided where Chatwork hides old messages', async () => {
    const own = server().post(ROOM, BOT, 'temporary')
    server().inject({ times: 1, method: 'DELETE', fault: lost })
    const result = await run({ mode: 'delete', 'message-id': own.message_id })
    expect(server().requestsTo('DELETE')).toHaveLength(1)
    if (limited && profile.deleted !== 'marker') {
      expect(failure(result)).toContain(
        `Look in room ${ROOM} whether message ${own.message_id} is still there`
      )
    } else {
      expect(ok(result).outputs['message-id']).toBe(own.message_id)
    }
  })

  it('delete of a message that does not exist: 404 with advice, without rate-limit headers too', async () => {
    const message = failure(await run({ mode: 'delete', 'message-id': '1234567890123456789' }))
    expect(message).toContain("Check 'message-id'")
    expect(server().requestsTo('DELETE')).toHaveLength(1)
  })

  it('a Japanese body within 65,535 characters but over 65,535 bytes: warned first; a 400 gets advice, once', async () => {
    const body = 'あ'.repeat(25_000)
    const result = await run({ message: body })
    expect(result.stdout).toContain('25000 characters but 75000 UTF-8 bytes')
    expect(server().requestsTo('POST')).toHaveLength(1)
    if (profile.bodyLimit === 'bytes') {
      expect(failure(result)).toMatch(/Chatwork seems to count its limit of 65535 in bytes/)
      expect(server().messages(ROOM)).toHaveLength(0)
    } else {
      ok(result)
      expect(server().messages(ROOM)).toHaveLength(1)
    }
  })

  it('served its profile', () => {
    tally.expectServed(profile, EXERCISES.exactlyOnce)
  })
}
