/**
 * End-to-end: Chatwork's own forms, with the bundled action against the emulator: replies
 * (`reply-to`), tasks (`mode: task`, `task-due`, `time-zone`, `task-ids`) and GitHub logins
 * mapped to Chatwork accounts (`account-map`, `to` with logins, the `chatwork_to` filter).
 */
import { describe, expect, it } from 'vitest'
import {
  ALICE,
  BOB,
  BOT,
  CAROL,
  OPS_ROOM,
  OTHER_TOKEN,
  READONLY_ROOM,
  ROOM
} from '../tools/emulator/index.js'
import type { RunOptions } from '../tools/run-action.js'
import { failure, ok, runAgainst, useEmulator } from './support/e2e.js'

const server = useEmulator()

function run(inputs: Record<string, string>, options: Omit<RunOptions, 'inputs'> = {}) {
  return runAgainst(server(), inputs, options)
}

const form = (body: Buffer | undefined) => new URLSearchParams(body?.toString())

/** Alice is octocat on GitHub, Bob is hubot, Carol is mona. */
const MAP = `octocat: ${ALICE.account_id}\nHubot: '${BOB.account_id}'\nmona: ${CAROL.account_id}\n`

describe('reply-to', () => {
  it('starts the message with the Reply header for the message, then mentions, then the box', async () => {
    const started = server().post(ROOM, ALICE, 'Deploy started')
    const result = ok(
      await run({
        'reply-to': started.message_id,
        message: 'Deploy of {{ github.ref_name }} finished',
        title: 'Deploy',
        to: String(BOB.account_id)
      })
    )
    const body = server().messages(ROOM).at(-1)?.body
    expect(body).toBe(
      `[rp aid=${ALICE.account_id} to=${ROOM}-${started.message_id}]Alice Tanaka\n[To:${BOB.account_id}]\n[info][title]Deploy[/title]Deploy of main finished[/info]`
    )
    expect(
      server().requestsTo('GET', `/rooms/${ROOM}/messages/${started.message_id}`)
    ).toHaveLength(1)
    expect(server().requestsTo('POST')).toHaveLength(1)
    expect(result.outputs['message-id']).toBe(server().messages(ROOM).at(-1)?.message_id)
    expect(result.summary).toContain('↩ Alice Tanaka')
  })

  it('answers the approval gate that waits for replies to that message', async () => {
    const asked = server().post(ROOM, BOT, 'Deploy? Reply /approve')
    ok(await run({ 'reply-to': asked.message_id, message: '/approve', token: OTHER_TOKEN }))
    const gate = ok(
      await run({ mode: 'fetch', 'replies-to': asked.message_id, match: '^/approve' })
    )
    expect(gate.outputs.decision).toBe('approved')
    expect(gate.outputs.approvers).toBe(JSON.stringify([String(ALICE.account_id)]))
  })

  it("escapes the author's name: it is someone else's text", async () => {
    const eve = { account_id: 5005, name: '[toall] Eve\n[To:1]', avatar_image_url: '' }
    const theirs = server().post(ROOM, eve, 'hi')
    ok(await run({ 'reply-to': theirs.message_id, message: 'ok' }))
    const body = server().messages(ROOM).at(-1)?.body ?? ''
    expect(body).toBe(
      `[rp aid=5005 to=${ROOM}-${theirs.message_id}][\u200Btoall] Eve [\u200BTo:1]\nok`
    )
  })

  it('a message that does not exist: an error naming reply-to, nothing posted', async () => {
    const result = await run({ 'reply-to': '1928374655918273645', message: 'done' })
    expect(failure(result)).toContain(
      `Could not find message 1928374655918273645 ('reply-to') in room ${ROOM}. Chatwork answered GET /rooms/${ROOM}/messages/1928374655918273645 with 404 Not Found: "Message not found". Check 'reply-to': it must be the id of a message in room ${ROOM}`
    )
    expect(server().requestsTo('POST')).toHaveLength(0)
  })

  it.each([
    [
      { 'reply-to': '123', 'room-id': `${ROOM},${OPS_ROOM}` },
      `Input 'reply-to' is set and 'room-id' lists 2 rooms (${ROOM}, ${OPS_ROOM}); a message id belongs to one room.`
    ],
    [
      { 'reply-to': 'https://www.chatwork.com/#!rid1-2' },
      "Input 'reply-to' is 'https://www.chatwork.com/#!rid1-2'; expected a Chatwork message id (digits only)"
    ]
  ])('refuses %j before any request', async (inputs, expected) => {
    const result = await run({ message: 'x', ...inputs })
    expect(failure(result)).toContain(expected)
    expect(server().requests).toHaveLength(0)
  })

  it('dry-run sends nothing and shows the look-up it would make', async () => {
    const result = ok(await run({ 'reply-to': '42', message: 'done', 'dry-run': 'true' }))
    expect(server().requests).toHaveLength(0)
    expect(result.stdout).toContain(`GET ${server().url}/rooms/${ROOM}/messages/42`)
    expect(result.stdout).toContain(`[rp aid=(its author) to=${ROOM}-42](its author's name)`)
  })
})

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
    // Past 2^53: a Number would have ended in ...992 or ...996.
    expect(tasks[0]?.task_id).toBe(9007199254740993n)
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
        { event: { head_commit: { message: '[toall] now' } } }
      )
    )
    expect(server().tasks(ROOM)[0]?.body).toBe('Check [\u200Btoall] now')
  })

  it.each([
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
    if (announced) announced.send_time -= 3600
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

  it.each([
    [
      { 'task-due': 'tomorrow' },
      "Input 'task-due' is 'tomorrow'; expected a date (2026-12-24), a date and time with its offset"
    ],
    [{ 'task-due': '2030-02-30' }, "Input 'task-due' is '2030-02-30'; expected a date"],
    [
      { 'task-due': '2030-12-24T18:00:00' },
      "Input 'task-due' is '2030-12-24T18:00:00'; expected a date"
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

describe('account-map', () => {
  it('lets to list GitHub logins; a login it lacks is a warning, and the message goes', async () => {
    const result = ok(
      await run({ message: 'Release ready', to: '@OctoCat, hubot, ghost', 'account-map': MAP })
    )
    expect(server().messages(ROOM).at(-1)?.body).toBe(
      `[To:${ALICE.account_id}][To:${BOB.account_id}]\nRelease ready`
    )
    expect(result.stdout).toContain(
      "::warning::Input 'to': 'ghost' is not in 'account-map'; left out."
    )
  })

  it('chatwork_to mentions the requested reviewers; everything else stays escaped', async () => {
    const event = {
      pull_request: {
        number: 7,
        title: '[toall] Fix it',
        requested_reviewers: [{ login: 'octocat' }, { login: 'mona' }, { login: 'stranger' }]
      }
    }
    const result = ok(
      await run(
        {
          message:
            '{{ github.event.pull_request.requested_reviewers | map: "login" | chatwork_to }} please review #{{ github.event.pull_request.number }} {{ github.event.pull_request.title }}',
          'account-map': MAP
        },
        { event, env: { GITHUB_EVENT_NAME: 'pull_request' } }
      )
    )
    expect(server().messages(ROOM).at(-1)?.body).toBe(
      `[To:${ALICE.account_id}][To:${CAROL.account_id}] please review #7 [\u200Btoall] Fix it`
    )
    expect(result.stdout).toContain(
      "::warning::chatwork_to: 'stranger' is not in 'account-map'; no mention for it."
    )
  })

  it('reads the map from a file in the workspace with @path', async () => {
    ok(
      await run(
        { mode: 'task', message: 'Review', to: 'octocat', 'account-map': '@.github/chatwork.yml' },
        { files: { '.github/chatwork.yml': MAP } }
      )
    )
    expect(server().tasks(ROOM)[0]?.account.account_id).toBe(ALICE.account_id)
  })

  it('a task for the requested reviewers, due in 2 days (the README workflow)', async () => {
    const event = {
      pull_request: {
        number: 12,
        title: 'Add the parser',
        html_url: 'https://github.com/octo-org/octo-repo/pull/12',
        requested_reviewers: [{ login: 'octocat' }, { login: 'hubot' }]
      }
    }
    const result = ok(
      await run(
        {
          mode: 'task',
          // What `${{ join(github.event.pull_request.requested_reviewers.*.login) }}` gives.
          to: 'octocat,hubot',
          message:
            'Review #{{ github.event.pull_request.number }} {{ github.event.pull_request.title }}\n{{ github.event.pull_request.html_url }}',
          'task-due': '2d',
          'account-map': MAP
        },
        { event, env: { GITHUB_EVENT_NAME: 'pull_request' } }
      )
    )
    expect(
      server()
        .tasks(ROOM)
        .map(t => t.account.account_id)
    ).toEqual([ALICE.account_id, BOB.account_id])
    expect(JSON.parse(result.outputs['task-ids'] ?? '')).toHaveLength(2)
  })

  it('task: when no login maps to anyone, there is no one to assign', async () => {
    const result = await run({ mode: 'task', message: 'x', to: 'ghost', 'account-map': MAP })
    expect(failure(result)).toContain(
      "Input 'to' has no one to assign the task to: none of its logins are in 'account-map'"
    )
    expect(server().requests).toHaveLength(0)
  })

  it.each([
    [
      { 'account-map': 'octocat: 2002\nhubot: abc\n' },
      "Input 'account-map', line 2: the account id of 'hubot' is '\"abc\"'; expected a Chatwork account id (digits only)."
    ],
    [
      { 'account-map': 'octocat: 2002\nnot_a_login: 3\n' },
      "Input 'account-map', line 2: 'not_a_login' is not a GitHub login"
    ],
    [
      { 'account-map': 'octocat: 2002\nhubot: 3003\nOctoCat: 4004\n' },
      "Input 'account-map', line 3: 'OctoCat' is already mapped on line 1 (logins are compared without case)."
    ],
    [
      { 'account-map': 'octocat: 2002\n  hubot: 3003: 4\n' },
      "Input 'account-map' is not valid YAML (line 2)"
    ],
    [
      { 'account-map': '- octocat\n- hubot\n' },
      "Input 'account-map' is not a mapping from GitHub login"
    ],
    [
      { 'account-map': 'octocat:\n  id: 2002\n' },
      "Input 'account-map', line 1: the account id of 'octocat' is '{\"id\":\"2002\"}'"
    ],
    [{ 'account-map': '@../../etc/passwd' }, "Input 'account-map'"],
    [
      { to: 'octocat' },
      "Input 'to' has 'octocat'; expected Chatwork account ids (digits only), or GitHub logins when 'account-map' is set"
    ],
    [
      { message: '{{ "octocat" | chatwork_to }}' },
      "Input 'message' is not a valid template: the chatwork_to filter needs the 'account-map' input"
    ]
  ])('refuses %j before any request', async (inputs, expected) => {
    const result = await run({ message: 'x', ...inputs })
    expect(failure(result)).toContain(expected)
    expect(server().requests).toHaveLength(0)
  })
})
