/**
 * End-to-end, the bundled action against the emulator: `mode: task`: tasks per assignee,
 * `task-due`, `time-zone`, `task-ids`, exactly once.
 */
import { describe, expect, it } from 'vitest'
import { ALICE, BOB, BOT, OPS_ROOM, READONLY_ROOM, ROOM } from '../tools/emulator/index.js'
import { failure, ok, runOn, useEmulator } from './support/e2e.js'
import { recordedEventWith } from './support/events.js'
import { table } from './support/table.js'

const server = useEmulator()
const run = runOn(server)

const form = (body: Buffer | undefined) => new URLSearchParams(body?.toString())

/** A date `days` from now, in Tokyo, as YYYY-MM-DD. */
function tokyoDate(days: number): string {
  return new Date(Date.now() + days * 86_400_000 + 9 * 3_600_000).toISOString().slice(0, 10)
}

describe('mode: task', () => {
  it('creates one task per assignee, with exact 64-bit ids and a date deadline', async () => {
    const date = tokyoDate(30)
    const result = ok(
      await run({
        mode: 'task',
        message: 'Review {{ github.ref_name }} [toall]',
        title: 'Release checklist',
        to: `${ALICE.account_id}, ${BOB.account_id}`,
        'task-due': date
      })
    )
    const tasks = server().tasks(ROOM)
    expect(tasks.map(t => t.account.account_id)).toEqual([ALICE.account_id, BOB.account_id])
    // Past 2^53 and odd (every emulator task id is): a Number would have rounded it.
    const id = tasks[0]?.task_id ?? 0n
    expect(id).toBeGreaterThan(2n ** 53n)
    expect(id % 2n).toBe(1n)
    expect(JSON.parse(result.outputs['task-ids'] ?? '')).toEqual(
      tasks.map(t => t.task_id.toString())
    )
    const request = form(server().requestsTo('POST', `/rooms/${ROOM}/tasks`)[0]?.body)
    expect(request.get('body')).toBe(
      '[info][title]Release checklist[/title]Review main [toall][/info]'
    )
    expect(request.get('to_ids')).toBe(`${ALICE.account_id},${BOB.account_id}`)
    expect(request.get('limit_type')).toBe('date')
    // 23:59:59 in Tokyo is 14:59:59 UTC.
    expect(request.get('limit')).toBe(String(Date.parse(`${date}T14:59:59Z`) / 1000))
    expect(result.summary).toContain('Chatwork task created')
    expect(result.summary).toContain(`Alice Tanaka (${ALICE.account_id})`)
    expect(result.summary).toContain(`due: ${date} (Asia/Tokyo)`)
  })

  it('escapes notation in values, as send does', async () => {
    ok(
      await run(
        { mode: 'task', message: 'Check {{ github.event.head_commit.message }}', to: '2002' },
        { event: recordedEventWith('push', { head_commit: { message: '[toall] now' } }) }
      )
    )
    expect(server().tasks(ROOM)[0]?.body).toBe('Check [\u200Btoall] now')
  })

  table([
    ['2d', 'time', 2 * 86_400],
    ['90m', 'time', 90 * 60],
    ['1d12h', 'time', 36 * 3_600]
  ])('a duration from now, %s', async (due, type, seconds) => {
    const before = Math.floor(Date.now() / 1000)
    ok(await run({ mode: 'task', message: 'x', to: '2002', 'task-due': due }))
    const request = form(server().requestsTo('POST', `/rooms/${ROOM}/tasks`)[0]?.body)
    expect(request.get('limit_type')).toBe(type)
    const limit = Number(request.get('limit'))
    expect(limit).toBeGreaterThanOrEqual(before + seconds)
    expect(limit).toBeLessThanOrEqual(before + seconds + 30)
  })

  it('a date and time with its offset, and a date in another time zone', async () => {
    ok(
      await run({ mode: 'task', message: 'a', to: '2002', 'task-due': '2030-12-24T18:00:00+09:00' })
    )
    ok(
      await run({
        mode: 'task',
        message: 'b',
        to: '2002',
        'task-due': '2030-07-01',
        'time-zone': 'Europe/Berlin'
      })
    )
    const [first, second] = server()
      .requestsTo('POST', `/rooms/${ROOM}/tasks`)
      .map(r => form(r.body))
    expect(first?.get('limit_type')).toBe('time')
    expect(first?.get('limit')).toBe(String(Date.parse('2030-12-24T09:00:00Z') / 1000))
    expect(second?.get('limit_type')).toBe('date')
    // Summer time in Berlin: UTC+2.
    expect(second?.get('limit')).toBe(String(Date.parse('2030-07-01T21:59:59Z') / 1000))
  })

  it('a date and time without an offset, read in time-zone; the earlier of a doubled hour, with a warning', async () => {
    ok(await run({ mode: 'task', message: 'a', to: '2002', 'task-due': '2030-12-24T18:00' }))
    // New York's clocks go back from 02:00 to 01:00 on 2030-11-03: 01:30 happens twice.
    const doubled = ok(
      await run({
        mode: 'task',
        message: 'b',
        to: '2002',
        'task-due': '2030-11-03T01:30',
        'time-zone': 'America/New_York'
      })
    )
    const [first, second] = server()
      .requestsTo('POST', `/rooms/${ROOM}/tasks`)
      .map(r => form(r.body))
    expect(first?.get('limit')).toBe(String(Date.parse('2030-12-24T09:00:00Z') / 1000))
    expect(second?.get('limit')).toBe(String(Date.parse('2030-11-03T05:30:00Z') / 1000))
    expect(doubled.stdout).toContain(
      "::warning::Input 'task-due' is '2030-11-03T01:30': the clocks in America/New_York show that time twice"
    )
  })

  it('no deadline: limit_type none and no limit', async () => {
    ok(await run({ mode: 'task', message: 'x', to: '2002' }))
    const request = form(server().requestsTo('POST', `/rooms/${ROOM}/tasks`)[0]?.body)
    expect(request.get('limit_type')).toBe('none')
    expect(request.has('limit')).toBe(false)
  })

  it('several rooms: task-ids is an object by room', async () => {
    const result = ok(
      await run({
        mode: 'task',
        message: 'x',
        to: String(BOB.account_id),
        'room-id': `${ROOM},${OPS_ROOM}`
      })
    )
    expect(JSON.parse(result.outputs['task-ids'] ?? '')).toEqual({
      [ROOM]: [server().tasks(ROOM)[0]?.task_id.toString()],
      [OPS_ROOM]: [server().tasks(OPS_ROOM)[0]?.task_id.toString()]
    })
  })

  it('exactly once: a lost answer is found among the open tasks, not created again', async () => {
    // An identical open task from an earlier run must not be taken for this one.
    const old = server().addTask(ROOM, BOT, [ALICE.account_id], 'x', { type: 'none', time: 0 })
    const announced = server().messages(ROOM).at(-1)
    if (announced) server().backdate(ROOM, announced.message_id, 3600)
    server().inject({
      fault: { kind: 'drop-after' },
      times: 1,
      method: 'POST',
      pathPrefix: '/rooms'
    })
    const result = ok(await run({ mode: 'task', message: 'x', to: String(ALICE.account_id) }))
    const tasks = server().tasks(ROOM)
    expect(tasks).toHaveLength(2)
    expect(server().requestsTo('POST', `/rooms/${ROOM}/tasks`)).toHaveLength(1)
    expect(JSON.parse(result.outputs['task-ids'] ?? '')).toEqual([tasks[1]?.task_id.toString()])
    expect(tasks[1]?.task_id).not.toBe(old[0]?.task_id)
    expect(
      server().requestsTo('GET', `/rooms/${ROOM}/tasks`)[0]?.query.get('assigned_by_account_id')
    ).toBe(String(BOT.account_id))
  })

  it('exactly once: a request that never arrived is sent again', async () => {
    server().inject({
      fault: { kind: 'drop-before' },
      times: 1,
      method: 'POST',
      pathPrefix: '/rooms'
    })
    const result = ok(await run({ mode: 'task', message: 'x', to: String(ALICE.account_id) }))
    expect(server().tasks(ROOM)).toHaveLength(1)
    expect(JSON.parse(result.outputs['task-ids'] ?? '')).toEqual([
      server().tasks(ROOM)[0]?.task_id.toString()
    ])
  })

  it('dry-run sends nothing and shows the request', async () => {
    const result = ok(
      await run({ mode: 'task', message: 'x', to: '2002', 'task-due': '3d', 'dry-run': 'true' })
    )
    expect(server().requests).toHaveLength(0)
    expect(result.stdout).toContain(`POST ${server().url}/rooms/${ROOM}/tasks`)
    expect(result.stdout).toMatch(
      /The task would be assigned to 2002, due: \d{4}-\d\d-\d\d \d\d:\d\d \(Asia\/Tokyo\)/
    )
  })

  it('a read-only room: 403 with advice', async () => {
    const result = await run({
      mode: 'task',
      message: 'x',
      to: String(ALICE.account_id),
      'room-id': String(READONLY_ROOM)
    })
    expect(failure(result)).toContain("The token's user may not add tasks in this room")
  })

  it('an assignee who is not in the room: a warning, then 400 with advice', async () => {
    const result = await run({ mode: 'task', message: 'x', to: '999' })
    expect(result.stdout).toContain(
      `::warning::Account 999 is not a member of room ${ROOM}: Chatwork will refuse to assign the task to it.`
    )
    expect(failure(result)).toContain("Check 'to': every assignee must be a member of the room")
  })

  table([
    [
      { 'task-due': 'tomorrow' },
      "Input 'task-due' is 'tomorrow'; expected a date (2026-12-24), a date and time with its offset"
    ],
    [{ 'task-due': '2030-02-30' }, "Input 'task-due' is '2030-02-30'; expected a date"],
    [
      { 'task-due': '2030-12-24T24:00:00' },
      "Input 'task-due' is '2030-12-24T24:00:00'; expected a date"
    ],
    [
      // New York's clocks go from 02:00 to 03:00 on 2030-03-10.
      { 'task-due': '2030-03-10T02:30', 'time-zone': 'America/New_York' },
      "Input 'task-due' is '2030-03-10T02:30': that time does not exist in America/New_York"
    ],
    [
      { 'task-due': '2020-01-01' },
      "Input 'task-due' is '2020-01-01', which is in the past (2020-01-01 (Asia/Tokyo)); expected a deadline after now."
    ],
    [{ 'task-due': '0m' }, "Input 'task-due' is '0m'; expected"],
    [{ 'task-due': '20000d' }, "Input 'task-due' is '20000d', more than 3660 days from now"],
    [
      { 'time-zone': 'Mars/Olympus' },
      "Input 'time-zone' is 'Mars/Olympus'; expected an IANA time zone name such as 'Asia/Tokyo'"
    ],
    [{ to: '' }, "Input 'to' is required for mode 'task'"],
    [{ message: '' }, "Input 'message' (or 'message-file') is required for mode 'task'."]
  ])('refuses %j before any request', async (inputs, expected) => {
    const result = await run({ mode: 'task', message: 'x', to: '2002', ...inputs })
    expect(failure(result)).toContain(expected)
    expect(server().requests).toHaveLength(0)
  })
})
