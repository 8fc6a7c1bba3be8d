/**
 * End-to-end: `mode: task-done`, the bundled action against the emulator. Tasks marked done by
 * the ids a `task` step output (one room and several), by a pattern over more than one list of
 * 100, narrowed with `to`, already done (under both of the emulator's answers to that), unknown,
 * anchored on a pull request's URL, after a lost answer, and as a dry run.
 */
import { describe, expect, it } from 'vitest'
import { ALICE, BOB, BOT, OPS_ROOM, ROOM, type Profile } from '../tools/emulator/index.js'
import { failure, ok, runAgainst, runOn, useEmulator } from './support/e2e.js'
import { recordedEventWith } from './support/events.js'
import { TABLE_TAG, table } from './support/table.js'

const server = useEmulator()
const run = runOn(server)

const statuses = (room = ROOM) =>
  server()
    .tasks(room)
    .map(t => [t.body, t.status])
const PR = 'https://github.com/octo-org/octo-repo/pull'
const MATCH_PR_12 = `\\Q${PR}/12\\E(\\D|$)`

describe('task-done by ids', () => {
  it("marks done the tasks a 'task' step created, every digit kept", async () => {
    const created = ok(await run({ mode: 'task', message: 'Review #12', to: '2002,3003' }))
    const ids = created.outputs['task-ids'] ?? ''
    const done = ok(await run({ mode: 'task-done', 'task-ids': ids }))
    expect(JSON.parse(done.outputs['task-ids'] ?? '')).toEqual(JSON.parse(ids))
    const stored = server().tasks(ROOM)
    expect(stored.map(t => t.status)).toEqual(['done', 'done'])
    // Past 2^53: the PUT names the task exactly.
    expect(
      server()
        .requestsTo('PUT')
        .map(r => r.path)
    ).toEqual(expect.arrayContaining(stored.map(t => `/rooms/${ROOM}/tasks/${t.task_id}/status`)))
    expect(
      server()
        .requestsTo('PUT')
        .map(r => r.body.toString())
    ).toEqual(['body=done', 'body=done'])
    expect(done.stdout).toContain(`Marked task ${stored[0]?.task_id} done in room ${ROOM}.`)
    expect(done.summary).toContain('Chatwork tasks marked done')
  })

  it("takes the object a 'task' step outputs for several rooms", async () => {
    const rooms = `${ROOM},${OPS_ROOM}`
    const created = ok(await run({ mode: 'task', message: 'Ship', to: '3003', 'room-id': rooms }))
    const ids = created.outputs['task-ids'] ?? ''
    expect(Object.keys(JSON.parse(ids) as object)).toEqual([String(ROOM), String(OPS_ROOM)])
    const done = ok(await run({ mode: 'task-done', 'task-ids': ids, 'room-id': rooms }))
    expect(JSON.parse(done.outputs['task-ids'] ?? '')).toEqual(JSON.parse(ids))
    expect([...statuses(ROOM), ...statuses(OPS_ROOM)]).toEqual([
      ['Ship', 'done'],
      ['Ship', 'done']
    ])
  })

  it('ids separated by commas or newlines', async () => {
    const [a, b] = server().addTask(ROOM, BOT, [ALICE.account_id, BOB.account_id], 'x')
    const done = ok(await run({ mode: 'task-done', 'task-ids': `${a?.task_id}\n${b?.task_id},` }))
    expect(JSON.parse(done.outputs['task-ids'] ?? '')).toEqual([`${a?.task_id}`, `${b?.task_id}`])
    expect(statuses()).toEqual([
      ['x', 'done'],
      ['x', 'done']
    ])
  })

  it('an unknown id: an error naming it and the room; the other ids are still marked', async () => {
    const [task] = server().addTask(ROOM, BOT, [ALICE.account_id], 'x')
    const [elsewhere] = server().addTask(OPS_ROOM, BOT, [BOB.account_id], 'y')
    const result = await run({
      mode: 'task-done',
      'task-ids': `[${task?.task_id}, "${elsewhere?.task_id}"]`
    })
    expect(failure(result)).toContain(
      `Task ${elsewhere?.task_id} not found in room ${ROOM}: wrong room, or no such task.`
    )
    expect(result.outputs['task-ids']).toBe(`["${task?.task_id}"]`)
    expect(result.outputs.ok).toBe('false')
    expect(statuses()).toEqual([['x', 'done']])
    expect(statuses(OPS_ROOM)).toEqual([['y', 'open']])
  })
})

describe('task-done by match', () => {
  it('marks every match past the list of 100: lists again until none is left', async () => {
    for (let i = 0; i < 130; i++) server().addTask(ROOM, BOT, [ALICE.account_id], `Review ${PR}/7`)
    for (let i = 0; i < 20; i++) server().addTask(ROOM, BOT, [ALICE.account_id], `Deploy ${i}`)
    const done = ok(await run({ mode: 'task-done', 'task-match': `\\Q${PR}/7\\E$` }))
    const stored = server().tasks(ROOM)
    expect(stored.filter(t => t.status === 'done').map(t => t.body)).toEqual(
      Array(130).fill(`Review ${PR}/7`)
    )
    expect(stored.filter(t => t.status === 'open')).toHaveLength(20)
    const output = JSON.parse(done.outputs['task-ids'] ?? '') as string[]
    expect(output.sort()).toEqual(
      stored
        .filter(t => t.status === 'done')
        .map(t => String(t.task_id))
        .sort()
    )
    expect(server().requestsTo('PUT')).toHaveLength(130)
    expect(server().requestsTo('GET', `/rooms/${ROOM}/tasks`).length).toBeGreaterThanOrEqual(2)
  })

  it('only open tasks the token gave, and with `to` only those assignees', async () => {
    server().addTask(ROOM, BOT, [ALICE.account_id, BOB.account_id], `Review ${PR}/12`)
    server().addTask(ROOM, ALICE, [BOB.account_id], `Review ${PR}/12 (Alice's own)`)
    const done = ok(
      await run({
        mode: 'task-done',
        'task-match': MATCH_PR_12,
        to: 'bob',
        'account-map': 'bob: 3003\nalice: 2002'
      })
    )
    expect(
      server()
        .tasks(ROOM)
        .map(t => [t.account.account_id, t.status])
    ).toEqual([
      [ALICE.account_id, 'open'],
      [BOB.account_id, 'done'],
      [BOB.account_id, 'open']
    ])
    expect(JSON.parse(done.outputs['task-ids'] ?? '')).toHaveLength(1)
    // One assignee: the list is narrowed by Chatwork itself.
    const [list] = server().requestsTo('GET', `/rooms/${ROOM}/tasks`)
    expect(list?.query.get('account_id')).toBe('3003')
  })

  it('/pull/12 does not close the task of /pull/123 (the README recipe)', async () => {
    const event = (action: string) =>
      recordedEventWith('pull_request.review_requested', {
        action,
        pull_request: { number: 12, html_url: `${PR}/12` },
        requested_reviewer: { login: 'bob' }
      })
    const env = { GITHUB_EVENT_NAME: 'pull_request' }
    server().addTask(ROOM, BOT, [BOB.account_id], `Review ${PR}/123`)
    // The workflow passes to: ${{ github.event.requested_reviewer.login }}.
    const inputs = { 'account-map': 'bob: 3003', to: 'bob' }
    ok(
      await run(
        {
          ...inputs,
          mode: 'task',
          message: 'Please review {{ github.event.pull_request.html_url }}'
        },
        { env, event: event('review_requested') }
      )
    )
    // As the workflow pastes it: '\Q${{ github.event.pull_request.html_url }}\E(\D|$)'.
    const done = ok(
      await run(
        { ...inputs, mode: 'task-done', 'task-match': MATCH_PR_12 },
        { env, event: event('closed') }
      )
    )
    expect(statuses()).toEqual([
      [`Review ${PR}/123`, 'open'],
      [`Please review ${PR}/12`, 'done']
    ])
    expect(JSON.parse(done.outputs['task-ids'] ?? '')).toHaveLength(1)
  })

  it('no match is a notice, not a failure', async () => {
    server().addTask(ROOM, BOT, [BOB.account_id], `Review ${PR}/123`)
    const done = ok(await run({ mode: 'task-done', 'task-match': MATCH_PR_12 }))
    expect(done.stdout).toContain(
      `::notice::No open task in room ${ROOM} that the token's account gave matches 'task-match'`
    )
    expect(done.outputs['task-ids']).toBe('[]')
    expect(server().requestsTo('PUT')).toHaveLength(0)
  })
})

describe('task-done round trips, on a slow network', () => {
  const slow = useEmulator({ latencyMs: 150 })

  it('fewer than 100 matches: GET /me with the list, then the marks at once', async () => {
    for (let i = 0; i < 5; i++) slow().addTask(ROOM, BOT, [ALICE.account_id], `Review ${PR}/12`)
    ok(await runAgainst(slow(), { mode: 'task-done', 'task-match': MATCH_PR_12 }))
    const [me] = slow().requestsTo('GET', '/me')
    const lists = slow().requestsTo('GET', `/rooms/${ROOM}/tasks`)
    const puts = slow().requestsTo('PUT')
    expect(slow().requests).toHaveLength(7)
    expect(lists).toHaveLength(1)
    // Two round trips: every PUT starts after the list is answered, before any PUT is answered.
    const firstAnswer = Math.min(...puts.map(p => p.endMs ?? Infinity))
    for (const put of puts) {
      expect(put.startMs).toBeGreaterThanOrEqual(lists[0]?.endMs ?? Infinity)
      expect(put.startMs).toBeLessThan(firstAnswer)
    }
    // …and GET /me went out with the list, not before it.
    expect(lists[0]?.startMs).toBeLessThan(me?.endMs ?? 0)
  })
})

describe('task-done: inputs and dry run', () => {
  it('needs task-ids or task-match; sends nothing without', async () => {
    expect(failure(await run({ mode: 'task-done' }))).toContain("Mode 'task-done' needs 'task-ids'")
    expect(server().requests).toHaveLength(0)
  })

  table([
    ['[1.5]', "Input 'task-ids' is '[1.5]' ('1.5' is not one)"],
    ['abc', "Input 'task-ids' is 'abc' ('abc' is not one)"],
    ['{"1": "2"', 'Input \'task-ids\' is \'{"1": "2"\' (not valid JSON']
  ])('refuses task-ids %s before any request', async (value, expected) => {
    expect(failure(await run({ mode: 'task-done', 'task-ids': value }))).toContain(expected)
    expect(server().requests).toHaveLength(0)
  })

  it('a plain list with several rooms is refused: an id belongs to one room', async () => {
    const result = await run({
      mode: 'task-done',
      'task-ids': '1',
      'room-id': `${ROOM},${OPS_ROOM}`
    })
    expect(failure(result)).toContain('a task id belongs to one room')
    expect(server().requests).toHaveLength(0)
  })

  it('dry-run prints the requests and sends nothing', async () => {
    const result = ok(
      await run({
        mode: 'task-done',
        'task-ids': '9007199254740993',
        'task-match': MATCH_PR_12,
        'dry-run': 'true'
      })
    )
    expect(result.stdout).toContain(
      `PUT ${server().url}/rooms/${ROOM}/tasks/9007199254740993/status`
    )
    expect(result.stdout).toContain('body: done')
    expect(result.stdout).toContain(`GET ${server().url}/rooms/${ROOM}/tasks?status=open`)
    // As the real run: the token's account, to keep only the tasks it gave.
    expect(result.stdout).toContain(`GET ${server().url}/me`)
    expect(server().requests).toHaveLength(0)
    const byIds = ok(
      await run({ mode: 'task-done', 'task-ids': '9007199254740993', 'dry-run': 'true' })
    )
    expect(byIds.stdout).not.toContain(`GET ${server().url}/me`)
  })
})

// An emulator profile's table: '400', where a done task refused again needs its status read,
// runs in npm test; '200', the default profile's answer, in the tables step.
const ALREADY_DONE: [Profile['alreadyDone'], string[]][] = [
  ['400', []],
  ['200', [TABLE_TAG]]
]
for (const [alreadyDone, tags] of ALREADY_DONE)
  describe(`alreadyDone=${alreadyDone}`, { tags }, () => {
    const emulator = useEmulator({ profile: { alreadyDone } })

    it('a task done already is success, and is in the output', async () => {
      const [task] = emulator().addTask(ROOM, BOT, [ALICE.account_id], 'x')
      if (task) emulator().setTaskStatus(ROOM, task.task_id, 'done')
      const done = ok(
        await runAgainst(emulator(), { mode: 'task-done', 'task-ids': String(task?.task_id) })
      )
      expect(done.outputs['task-ids']).toBe(`["${task?.task_id}"]`)
      expect(emulator().served.get(`alreadyDone=${alreadyDone}`)).toBe(1)
      expect(emulator().requestsTo('GET', `/rooms/${ROOM}/tasks/`)).toHaveLength(
        alreadyDone === '400' ? 1 : 0
      )
    })

    it('refused as done already, and its status unreadable: fails with advice, never claims it', async () => {
      const [task] = emulator().addTask(ROOM, BOT, [ALICE.account_id], 'x')
      if (task) emulator().setTaskStatus(ROOM, task.task_id, 'done')
      const path = `/rooms/${ROOM}/tasks/${task?.task_id}`
      emulator().inject({
        fault: { kind: 'status', status: 403 },
        times: 1,
        method: 'GET',
        pathPrefix: path
      })
      const result = await runAgainst(emulator(), {
        mode: 'task-done',
        'task-ids': String(task?.task_id)
      })
      expect(emulator().requestsTo('PUT')).toHaveLength(1)
      if (alreadyDone === '200') {
        expect(ok(result).outputs['task-ids']).toBe(`["${task?.task_id}"]`)
        return
      }
      expect(failure(result)).toContain(
        `reading the task's status failed too, so it is not known which: look at task ${task?.task_id} in room ${ROOM} before running the step again.`
      )
      expect(result.outputs['task-ids']).toBe('[]')
    })

    it('a lost answer to the PUT is asked again, and succeeds', async () => {
      const [task] = emulator().addTask(ROOM, BOT, [ALICE.account_id], 'x')
      emulator().inject({ fault: { kind: 'drop-after' }, times: 1, method: 'PUT' })
      const done = ok(
        await runAgainst(emulator(), { mode: 'task-done', 'task-ids': String(task?.task_id) })
      )
      expect(done.outputs['task-ids']).toBe(`["${task?.task_id}"]`)
      expect(
        emulator()
          .requestsTo('PUT')
          .map(r => r.status)
      ).toEqual([-2, alreadyDone === '400' ? 400 : 200])
      expect(task?.status).toBe('done')
    })
  })
