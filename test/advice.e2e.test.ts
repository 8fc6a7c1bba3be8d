/**
 * End-to-end, the bundled action against the emulator: a failure says what to do: no stack traces,
 * Chatwork's errors turned into advice, and advice that fits the mistake (the wrong id, a refused
 * connection, https against plain http).
 */
import { describe, expect, it } from 'vitest'
import {
  ALICE,
  ChatworkEmulator,
  FOREIGN_ROOM,
  READONLY_ROOM,
  ROOM
} from '../tools/emulator/index.js'
import { expectNoStackTrace, failure, runOn, useEmulator } from './support/e2e.js'
import { refusedPort } from './support/ports.js'

const server = useEmulator()
const run = runOn(server)

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
      tokenLimit: { max: 0, windowMs: 3_600_000 }
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

describe('advice that fits the mistake', () => {
  it('a 404 on update or delete names message-id, not room-id', async () => {
    for (const mode of ['update', 'delete']) {
      const error = failure(await run({ mode, 'message-id': '1234567890123456789', message: 'x' }))
      expect(error).toContain("Check 'message-id': the message may not exist")
      expect(error).not.toContain("Check 'room-id'")
    }
  })

  it("a 403 on update says only the author can edit: someone else's message", async () => {
    const theirs = server().post(ROOM, ALICE, 'mine')
    const error = failure(
      await run({ mode: 'update', 'message-id': theirs.message_id, message: 'x' })
    )
    expect(error).toContain("Only a message's author can edit or delete it")
  })

  it('a refused connection names the host and port it tried', async () => {
    const port = await refusedPort()
    const error = failure(
      await run({ message: 'x', 'api-base-url': `http://127.0.0.1:${port}/v2`, retries: '0' })
    )
    expect(error).toContain(`could not connect to 127.0.0.1:${port} (ECONNREFUSED)`)
  })

  it('https against a plain-http server says so, and that nothing was sent', async () => {
    const { port } = new URL(server().url)
    const error = failure(
      await run({ message: 'x', 'api-base-url': `https://127.0.0.1:${port}/v2`, retries: '0' })
    )
    expect(error).toContain(
      `could not start TLS with 127.0.0.1:${port}: the server there answers plain http`
    )
    expect(error).not.toContain('may or may not have been posted')
    expect(server().messages(ROOM)).toHaveLength(0)
  })
})
