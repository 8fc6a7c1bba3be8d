/**
 * End-to-end: the bundled dist/index.js, run as GitHub's runner runs it, against the emulator.
 */
import { describe, expect, it } from 'vitest'
import {
  ALICE,
  BOB,
  ChatworkEmulator,
  FOREIGN_ROOM,
  READONLY_ROOM,
  ROOM
} from '../tools/emulator/index.js'
import { expectNoStackTrace, failure, runAgainst, useEmulator } from './support/e2e.js'
import type { RunOptions } from '../tools/run-action.js'

const server = useEmulator()

function run(inputs: Record<string, string>, options: Omit<RunOptions, 'inputs'> = {}) {
  return runAgainst(server(), inputs, options)
}

describe('send', () => {
  it('posts the rendered template and outputs the id and link', async () => {
    const result = await run({
      message: 'Build {{ github.repository }}@{{ github.sha | slice: 0, 7 }} failed: {{ run_url }}'
    })
    expect(result.exitCode, result.stdout).toBe(0)
    const [stored] = server().messages(ROOM)
    expect(stored?.body).toBe(
      'Build octo-org/octo-repo@0123456 failed: https://github.com/octo-org/octo-repo/actions/runs/987654321'
    )
    expect(result.outputs['message-id']).toBe(stored?.message_id)
    expect(result.outputs['message-id']).toMatch(/^\d{19}$/)
    expect(result.outputs['message-url']).toBe(
      `https://www.chatwork.com/#!rid${ROOM}-${stored?.message_id}`
    )
    expect(server().requests).toHaveLength(1)
    expect(result.stdout).toContain(`Sent message ${stored?.message_id} to room ${ROOM}`)
  })

  it('delivers any text byte-exact', async () => {
    const text =
      'a&b=c+d%20e "double" \'single\' <tag> \\ back\nsecond line\n日本語のメッセージ 🎉👍🏽 ?q=1#x'
    const result = await run({ message: text })
    expect(result.exitCode, result.stdout).toBe(0)
    expect(server().messages(ROOM)[0]?.body).toBe(text)
  })

  it('writes the message and a link to the job summary, HTML-escaped', async () => {
    const result = await run({ message: '<b>bold?</b> & [info]box[/info]' })
    expect(result.summary).toContain('<h3>Chatwork message sent</h3>')
    expect(result.summary).toContain('<pre>&lt;b&gt;bold?&lt;/b&gt; &amp; [info]box[/info]</pre>')
    expect(result.summary).toContain(`<a href="${result.outputs['message-url']}">`)
  })

  it('sends self_unread=1 when asked', async () => {
    await run({ message: 'x', 'self-unread': 'true' })
    expect(new URLSearchParams(server().requests[0]?.body.toString()).get('self_unread')).toBe('1')
  })

  it('keeps notation tags in event values from notifying anyone, and lets raw opt out', async () => {
    const result = await run(
      {
        message:
          '[To:2002] Alice: {{ github.event.head_commit.message }} / {{ github.event.pull_request.title }} / {{ env.NOTE | raw }}'
      },
      {
        event: {
          head_commit: { message: 'Fix it [toall] [To:3003] [rp aid=3003 to=1-2]' },
          pull_request: { title: '[info]fake[/info][qt]x[/qt]' }
        },
        env: { NOTE: '[To:3003]' }
      }
    )
    expect(result.exitCode, result.stdout).toBe(0)
    const body = server().messages(ROOM)[0]?.body ?? ''
    expect(ChatworkEmulator.mentions(body)).toEqual({
      to: [ALICE.account_id, BOB.account_id],
      toAll: false
    })
    expect(body.replaceAll('\u200B', '')).toBe(
      '[To:2002] Alice: Fix it [toall] [To:3003] [rp aid=3003 to=1-2] / [info]fake[/info][qt]x[/qt] / [To:3003]'
    )
  })

  it('refuses a message over 65,535 characters before sending', async () => {
    const result = await run({
      message: '{% for i in (1..656) %}' + 'x'.repeat(100) + '{% endfor %}'
    })
    expect(failure(result)).toBe(
      "Input 'message' rendered to 65600 characters; Chatwork accepts at most 65535. Shorten the template or truncate long values, e.g. {{ value | truncate: 1000 }}."
    )
    expect(server().requests).toHaveLength(0)
  })

  it('accepts exactly 65,535 characters', async () => {
    const result = await run({ message: 'y'.repeat(65535) })
    expect(result.exitCode, result.stdout).toBe(0)
    expect(server().messages(ROOM)[0]?.body).toHaveLength(65535)
  })

  it.each([
    [
      '{% if github.sha %}unclosed',
      "Input 'message' is not a valid template: tag {% if github.sha %} not closed, line:1, col:1."
    ],
    [
      '{{ github.sha | shorten }}',
      "Input 'message' is not a valid template: undefined filter: shorten, line:1, col:1."
    ],
    [
      '{{ "" }}',
      "Input 'message' rendered to an empty message; Chatwork needs at least one character."
    ]
  ])('refuses the template %j before sending', async (message, expected) => {
    const result = await run({ message })
    expect(failure(result)).toBe(expected)
    expect(server().requests).toHaveLength(0)
    expectNoStackTrace(result)
  })
})

describe('fetch', () => {
  it('outputs the latest messages oldest first, as Chatwork returns them', async () => {
    const first = server().post(ROOM, ALICE, 'first [To:1001]', 1_700_000_000)
    const second = server().post(ROOM, BOB, 'second\nline', 1_700_000_060)
    const result = await run({ mode: 'fetch' })
    expect(result.exitCode, result.stdout).toBe(0)
    expect(JSON.parse(result.outputs.messages ?? '')).toEqual([first, second])
    expect(result.outputs.messages).toContain(`"message_id":"${first.message_id}"`)
    expect(result.outputs.count).toBe('2')
    expect(result.outputs['last-message-id']).toBe(second.message_id)
    expect(result.outputs['last-message-body']).toBe('second\nline')
    expect(server().requests.map(r => r.query.get('force'))).toEqual(['1'])
    expect(result.summary).toContain('<th>Time (UTC)</th><th>Author</th><th>Message</th>')
    expect(result.summary).toContain(
      '<td>2023-11-14 22:13:20</td><td>Alice Tanaka</td><td>first <b>@account 1001</b></td>'
    )
    expect(result.summary).toContain('<td>second<br>line</td>')
  })

  it('applies limit to the newest messages', async () => {
    for (let i = 1; i <= 5; i++) server().post(ROOM, ALICE, `m${i}`, 1_700_000_000 + i)
    const result = await run({ mode: 'fetch', limit: '2' })
    expect(JSON.parse(result.outputs.messages ?? '').map((m: { body: string }) => m.body)).toEqual([
      'm4',
      'm5'
    ])
    expect(result.outputs['last-message-body']).toBe('m5')
  })

  it('treats 204 (nothing new) as an empty result', async () => {
    const result = await run({ mode: 'fetch', 'unread-only': 'true' })
    expect(result.exitCode, result.stdout).toBe(0)
    expect(server().requests[0]?.status).toBe(204)
    expect(server().requests[0]?.query.get('force')).toBe('0')
    expect(result.outputs).toMatchObject({
      messages: '[]',
      count: '0',
      'last-message-id': '',
      'last-message-body': ''
    })
    expect(result.summary).toContain('Nothing new since the last fetch.')
  })

  it('returns only what is new with unread-only', async () => {
    server().post(ROOM, ALICE, 'old')
    await run({ mode: 'fetch', 'unread-only': 'true' })
    server().post(ROOM, ALICE, 'new')
    const result = await run({ mode: 'fetch', 'unread-only': 'true' })
    expect(JSON.parse(result.outputs.messages ?? '').map((m: { body: string }) => m.body)).toEqual([
      'new'
    ])
  })
})

describe('bad inputs fail before any request', () => {
  it.each([
    [
      { 'room-id': '#!rid335028121' },
      "Input 'room-id' is '#!rid335028121'; expected the room's numeric id (digits only). It looks like a Chatwork URL: use the digits after '#!rid', i.e. '335028121'."
    ],
    [
      { 'room-id': 'general' },
      "Input 'room-id' is 'general'; expected the room's numeric id (digits only). Find it in the room's web URL: the digits after '#!rid'."
    ],
    [
      { mode: 'shout' },
      "Input 'mode' is 'shout'; expected one of: send, fetch, update, delete, task, task-done, api, ask."
    ],
    [
      { mode: 'fetch', limit: '500' },
      "Input 'limit' is '500'; expected a whole number from 1 to 100."
    ],
    [
      { mode: 'fetch', 'unread-only': 'maybe' },
      "Input 'unread-only' is 'maybe'; expected 'true' or 'false'."
    ],
    [{ 'self-unread': 'on' }, "Input 'self-unread' is 'on'; expected 'true' or 'false'."],
    [
      { 'api-base-url': 'http://example.com/v2' },
      "Input 'api-base-url' is 'http://example.com/v2'; expected an https:// URL (plain http:// is accepted only for 127.0.0.1, localhost and [::1])."
    ],
    [
      { 'api-base-url': '::::' },
      "Input 'api-base-url' is '::::'; expected a URL such as 'https://api.chatwork.com/v2'."
    ],
    [
      { status: 'done' },
      "Input 'status' is 'done'; expected one of success, failure, cancelled (pass ${{ job.status }}), or nothing."
    ],
    [
      { token: '' },
      "Input 'token' is required: pass your Chatwork API token from a secret, e.g. token: ${{ secrets.CHATWORK_API_TOKEN }}."
    ]
  ])('%o', async (inputs, expected) => {
    const result = await run({ message: 'hello', ...inputs })
    expect(failure(result)).toBe(expected)
    expect(server().requests).toHaveLength(0)
    expectNoStackTrace(result)
  })
})

describe('no stack traces', () => {
  it('for a user mistake or a Chatwork error, even with debug logging on', async () => {
    const debug = { env: { RUNNER_DEBUG: '1' } }
    const cases: Record<string, string>[] = [
      { 'timeout-seconds': 'x' },
      { message: '{% if %}' },
      { 'room-id': String(FOREIGN_ROOM) }
    ]
    for (const inputs of cases) {
      const result = await run({ message: 'hello', ...inputs }, debug)
      expect(result.exitCode).toBe(1)
      expectNoStackTrace(result)
      // Debug lines describe requests; none of them is a stack trace.
      expect(result.stdout).not.toMatch(/::debug::.*%0A\s+at /)
    }
  })
})

describe('Chatwork errors become advice', () => {
  it.each([
    [
      '401',
      { token: 'not-a-valid-token' },
      `Could not send the message to room ${ROOM}. Chatwork answered POST /rooms/${ROOM}/messages with 401 Unauthorized: "Invalid API token". Check the token secret`
    ],
    [
      '403',
      { 'room-id': String(READONLY_ROOM) },
      `Could not send the message to room ${READONLY_ROOM}. Chatwork answered POST /rooms/${READONLY_ROOM}/messages with 403 Forbidden: "You don't have permission to send messages". The token's user may not do this in the room`
    ],
    [
      '404',
      { 'room-id': String(FOREIGN_ROOM) },
      `Could not send the message to room ${FOREIGN_ROOM}. Chatwork answered POST /rooms/${FOREIGN_ROOM}/messages with 404 Not Found: "Resource not found". Check 'room-id' (the digits after '#!rid' in the room's URL) and that the token's user is a member of the room.`
    ]
  ])('%s: one request, no stack trace', async (_, inputs, expected) => {
    const result = await run({ message: 'hello', ...inputs })
    expect(failure(result)).toContain(expected)
    expect(server().requests).toHaveLength(1)
    expectNoStackTrace(result)
  })

  it('404 on fetch names the mode and room', async () => {
    const result = await run({ mode: 'fetch', 'room-id': '42' })
    expect(failure(result)).toContain(
      'Could not fetch the messages of room 42. Chatwork answered GET /rooms/42/messages with 404 Not Found'
    )
  })

  it('5xx on send: the room cannot be checked either, so the step says it may have been posted', async () => {
    server().inject({
      times: 100,
      fault: { kind: 'status', status: 503, body: '{"errors":["Service Unavailable"]}' }
    })
    const result = await run({ message: 'hello', retries: '1' })
    expect(failure(result)).toBe(
      `Could not send the message to room ${ROOM}. Chatwork answered POST /rooms/${ROOM}/messages with 503 Service Unavailable: "Service Unavailable". Checking the room afterwards failed too: Chatwork answered GET /me with 503 Service Unavailable: "Service Unavailable". The message may or may not have been posted: look in the room before running the step again. Chatwork had a problem on its side; try again later.`
    )
    expect(server().requestsTo('POST')).toHaveLength(1)
    expectNoStackTrace(result)
  })

  it('5xx on fetch: retried `retries` times, then advice', async () => {
    server().inject({ times: 100, fault: { kind: 'html', status: 502 } })
    const result = await run({ mode: 'fetch', retries: '1' })
    expect(failure(result)).toMatch(
      /^Could not fetch the messages of room \d+\. Chatwork answered GET \/rooms\/\d+\/messages with 502 Bad Gateway: "<html><head><title>502 Bad Gateway.*\.\.\."\. Chatwork had a problem on its side; try again later\.$/
    )
    expect(server().requests).toHaveLength(2)
    expect(result.stdout).toMatch(/Retry 1 of 1 in \d\.\d s\./)
  })

  it('429 that will not clear in time: rate limit advice', async () => {
    const limited = await new ChatworkEmulator({
      tokenLimit: { limit: 0, windowMs: 3_600_000 }
    }).start()
    try {
      const result = await run({ message: 'hello', 'api-base-url': limited.url })
      expect(failure(result)).toContain(
        `429 Too Many Requests: "Rate limit exceeded.". Chatwork's rate limit was reached`
      )
      expect(limited.requests).toHaveLength(1)
    } finally {
      await limited.stop()
    }
  })

  it('with fail-on-error false, a failure is a warning and the step succeeds', async () => {
    const result = await run({
      message: 'hello',
      'room-id': String(FOREIGN_ROOM),
      'fail-on-error': 'false'
    })
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toMatch(
      /::warning::Could not send the message to room \d+\. .*404 Not Found/
    )
    expect(result.stdout).not.toContain('::error::')
  })

  it('with fail-on-error false, a bad input still fails', async () => {
    const result = await run({ message: 'hello', retries: 'x', 'fail-on-error': 'false' })
    expect(failure(result)).toContain("Input 'retries' is 'x'")
  })
})

describe('the token', () => {
  it('never appears in logs, outputs or the summary, even with debug logging', async () => {
    const token = 'emulator-token-alice-fedcba987654'
    server().post(ROOM, ALICE, 'hello')
    const cases: Record<string, string>[] = [
      { message: 'hi {{ env.INPUT_TOKEN }}', token },
      { mode: 'fetch', token },
      { message: 'x', token, 'room-id': String(FOREIGN_ROOM) },
      { message: 'x', token, 'api-base-url': 'http://127.0.0.1:1/v2', retries: '0' }
    ]
    for (const inputs of cases) {
      const result = await run(inputs, { env: { RUNNER_DEBUG: '1', ACTIONS_STEP_DEBUG: 'true' } })
      const everything = [
        result.stdout,
        result.stderr,
        result.summary,
        JSON.stringify(result.outputs)
      ].join('\n')
      const withoutMask = everything.replace(`::add-mask::${token}`, '')
      expect(everything).toContain(`::add-mask::${token}`)
      expect(withoutMask).not.toContain(token)
    }
    expect(
      server()
        .messages(ROOM)
        .map(m => m.body)
    ).toContain('hi')
  })
})
