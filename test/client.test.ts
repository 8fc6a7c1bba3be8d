import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ChatworkClient, type ClientOptions } from '../src/chatwork/client.js'
import { ChatworkHttpError, InvalidResponseError, NetworkError } from '../src/errors.js'
import {
  ALICE,
  BOT,
  ChatworkEmulator,
  DEFAULT_TOKEN,
  FOREIGN_ROOM,
  READONLY_ROOM,
  ROOM
} from '../tools/emulator/index.js'
import { recordingClient } from './support/client.js'
import { INVALID_POSTED_IDS } from './support/hostile-values.js'
import { refusedPort } from './support/ports.js'

const room = String(ROOM)
let emulator: ChatworkEmulator
let logs: string[]
let waits: number[]

beforeEach(async () => {
  emulator = await new ChatworkEmulator().start()
  logs = []
  waits = []
})
afterEach(() => emulator.stop())

/** A client whose retry waits are recorded and take no time. */
const client = (overrides: Partial<ClientOptions> = {}): ChatworkClient =>
  recordingClient(emulator, { logs, waits }, overrides)

describe('posting', () => {
  it('sends the body byte-exact as a form, never in the query string', async () => {
    const body = 'a&b=c+d%20e "q" \'s\'\nline 2\r\n日本語 🎉 ?x=1#frag'
    const id = await client().postMessage(room, body, { selfUnread: true, since: Date.now() })
    expect(id).toMatch(/^\d{19}$/)
    const [request] = emulator.requestsTo('POST', `/rooms/${room}/messages`)
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect([...(request?.query.keys() ?? [])]).toEqual([])
    const form = new URLSearchParams(request?.body.toString('utf8'))
    expect(form.get('body')).toBe(body)
    expect(form.get('self_unread')).toBe('1')
    expect(emulator.messages(ROOM).map(m => m.body)).toEqual([body])
    expect(emulator.messages(ROOM)[0]?.message_id).toBe(id)
  })

  it('sends self_unread=0 by default and the token only in its header', async () => {
    await client().postMessage(room, 'hi', { selfUnread: false, since: Date.now() })
    const [request] = emulator.requests
    expect(new URLSearchParams(request?.body.toString()).get('self_unread')).toBe('0')
    expect(request?.headers['x-chatworktoken']).toBe(DEFAULT_TOKEN)
    expect(request?.body.toString()).not.toContain(DEFAULT_TOKEN)
  })

  it('keeps a numeric 19-digit message_id exact', async () => {
    emulator.inject({
      times: 1,
      method: 'POST',
      fault: { kind: 'status', status: 200, body: '{"message_id": 1928374655918273999}' }
    })
    expect(await client().postMessage(room, 'hi', { selfUnread: false, since: Date.now() })).toBe(
      '1928374655918273999'
    )
  })
})

describe('listing', () => {
  it('treats 204 as no messages and follows the force cursor', async () => {
    const c = client()
    expect((await c.listMessages(room, { force: false })).items).toEqual([])
    expect(emulator.requests[0]?.status).toBe(204)
    emulator.post(ROOM, ALICE, 'one')
    expect((await c.listMessages(room, { force: false })).items.map(m => m.body)).toEqual(['one'])
    expect((await c.listMessages(room, { force: false })).items).toEqual([])
    expect((await c.listMessages(room, { force: true })).items.map(m => m.body)).toEqual(['one'])
    expect(emulator.requests.map(r => r.query.get('force'))).toEqual(['0', '0', '0', '1'])
  })

  it('refuses a list that is not Chatwork messages, showing its start', async () => {
    emulator.inject({ times: 1, fault: { kind: 'status', status: 200, body: '[{"id": 1}]' } })
    const error = await client()
      .listMessages(room, { force: true })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InvalidResponseError)
    expect((error as Error).message).toBe(
      `Chatwork's response to GET /rooms/${room}/messages was invalid: it is not a list of messages. It starts with: "[{\\"id\\": 1}]"`
    )
  })

  it('refuses a 200 that is not JSON without retrying', async () => {
    emulator.inject({
      times: 1,
      fault: { kind: 'status', status: 200, body: '<html>login</html>', contentType: 'text/html' }
    })
    await expect(client().listMessages(room, { force: true })).rejects.toThrow(
      /is not JSON. It starts with: "<html>login<\/html>"/
    )
    expect(emulator.requests).toHaveLength(1)
  })
})

describe('errors that are never retried', () => {
  it.each([
    ['a bad token', { token: 'wrong-token' }, room, 401, 'Invalid API token'],
    ['a room the user is not in', {}, String(FOREIGN_ROOM), 404, 'Resource not found'],
    ['a room that does not exist', {}, '1', 404, 'Resource not found'],
    [
      'a read-only member',
      {},
      String(READONLY_ROOM),
      403,
      "You don't have permission to send messages"
    ]
  ])('fails at once for %s (%o)', async (_, options, roomId, status, text) => {
    const error = await client(options)
      .postMessage(roomId, 'hi', { selfUnread: false, since: Date.now() })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ChatworkHttpError)
    expect((error as ChatworkHttpError).status).toBe(status)
    expect((error as ChatworkHttpError).errors).toEqual([text])
    expect(emulator.requests).toHaveLength(1)
  })

  it('fails at once for 400', async () => {
    await expect(
      client().postMessage(room, '', { selfUnread: false, since: Date.now() })
    ).rejects.toThrow(
      `Chatwork answered POST /rooms/${room}/messages with 400 Bad Request: "Parameter 'body' is required".`
    )
    expect(emulator.requests).toHaveLength(1)
  })
})

describe('transient failures', () => {
  it('retries 5xx with exponential backoff, then gives up after `retries` retries', async () => {
    emulator.inject({ times: 100, fault: { kind: 'status', status: 500 } })
    const c = client({ policy: { retries: 3 }, random: () => 1 })
    await expect(c.listMessages(room, { force: true })).rejects.toThrow(/500 Internal Server Error/)
    expect(emulator.requests).toHaveLength(4)
    expect(waits).toEqual([1000, 2000, 4000])
    expect(logs[0]).toMatch(/Retry 1 of 3 in 1\.0 s/)
  })

  it('caps the backoff and spreads it with jitter', async () => {
    emulator.inject({ times: 100, fault: { kind: 'status', status: 503 } })
    const c = client({ policy: { retries: 8 }, random: () => 0 })
    await expect(c.listMessages(room, { force: true })).rejects.toThrow(ChatworkHttpError)
    expect(waits).toEqual([500, 1000, 2000, 4000, 8000, 15000, 15000, 15000])
  })

  it('recovers from a proxy HTML page', async () => {
    emulator.inject({ times: 2, fault: { kind: 'html', status: 502 } })
    emulator.post(ROOM, ALICE, 'x')
    expect((await client().listMessages(room, { force: true })).items).toHaveLength(1)
    expect(emulator.requests).toHaveLength(3)
    expect(logs[0]).toContain('502 Bad Gateway: "<html><head><title>502 Bad Gateway')
  })

  it('retries a GET whose connection dropped', async () => {
    emulator.inject({ times: 1, fault: { kind: 'drop-before' } })
    expect((await client().listMessages(room, { force: true })).items).toEqual([])
    expect(emulator.requests).toHaveLength(2)
  })

  it('times out a request that gets no answer and retries it', async () => {
    emulator.inject({ times: 1, fault: { kind: 'delay', ms: 1_500 } })
    const c = client({ timeoutMs: 300 })
    expect((await c.listMessages(room, { force: true })).items).toEqual([])
    expect(logs[0]).toMatch(
      /GET \/rooms\/\d+\/messages (timed out|got no complete answer within 0.3 s)/
    )
  })

  it('retries a refused connection without checking the room', async () => {
    const port = await refusedPort()
    const c = new ChatworkClient({
      baseUrl: `http://127.0.0.1:${port}/v2`,
      token: DEFAULT_TOKEN,
      timeoutMs: 1_000,
      log: m => logs.push(m),
      policy: { retries: 2 },
      clock: { now: Date.now, sleep: async ms => void waits.push(ms) }
    })
    const error = await c
      .postMessage(room, 'hi', { selfUnread: false, since: Date.now() })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NetworkError)
    expect((error as NetworkError).notSent).toBe(true)
    expect((error as Error).message).toBe(
      `POST /rooms/${room}/messages could not connect to 127.0.0.1:${port} (ECONNREFUSED).`
    )
    // Two retries: three attempts, none of which reached a server.
    expect(waits).toHaveLength(2)
    expect(logs.some(l => l.includes('Checking the room'))).toBe(false)
  })
})

describe('exactly once', () => {
  // The security suite's hostile ids through the bundle, one in npm test; each of them here.
  it.each(INVALID_POSTED_IDS)(
    'takes a posted message_id of %s as none: delivered, looked up, not posted again',
    async (_, body) => {
      emulator.inject({ times: 1, method: 'POST', fault: { kind: 'status', status: 200, body } })
      const id = await client().postMessage(room, 'hi', { selfUnread: false, since: Date.now() })
      expect(id).toBeUndefined()
      expect(logs).toEqual([
        expect.stringMatching(
          new RegExp(
            `^Chatwork's response to POST /rooms/${room}/messages was invalid: .* Chatwork accepted the request \\(200\\), so it took effect: looking up its id instead of sending it again\\.$`
          )
        ),
        'The look-up did not find it.'
      ])
      expect(emulator.requestsTo('POST')).toHaveLength(1)
    }
  )

  it('does not post again when the connection dropped after Chatwork stored the message', async () => {
    emulator.inject({ times: 1, method: 'POST', fault: { kind: 'drop-after' } })
    const id = await client().postMessage(room, 'deploy done', {
      selfUnread: false,
      since: Date.now()
    })
    expect(emulator.messages(ROOM)).toHaveLength(1)
    expect(emulator.messages(ROOM)[0]?.message_id).toBe(id)
    expect(emulator.requests.map(r => `${r.method} ${r.path}`)).toEqual([
      `POST /rooms/${room}/messages`,
      'GET /me',
      `GET /rooms/${room}/messages`
    ])
  })

  it('posts again when the dropped request never reached Chatwork', async () => {
    emulator.inject({ times: 1, method: 'POST', fault: { kind: 'drop-before' } })
    const id = await client().postMessage(room, 'deploy done', {
      selfUnread: false,
      since: Date.now()
    })
    expect(emulator.messages(ROOM).map(m => m.message_id)).toEqual([id])
    expect(emulator.requestsTo('POST')).toHaveLength(2)
  })

  it('checks the room after a 5xx and ignores the same text posted by others or before', async () => {
    const since = Date.now()
    emulator.post(ROOM, ALICE, 'deploy done')
    emulator.post(ROOM, BOT, 'deploy done', Math.floor(since / 1000) - 3600)
    emulator.inject({ times: 1, method: 'POST', fault: { kind: 'status', status: 502 } })
    await client().postMessage(room, 'deploy done', { selfUnread: false, since })
    expect(emulator.messages(ROOM)).toHaveLength(3)
    expect(emulator.requestsTo('POST')).toHaveLength(2)
  })

  it('says the message may have been posted when the room cannot be checked', async () => {
    emulator.inject({ times: 1, method: 'POST', fault: { kind: 'drop-after' } })
    emulator.inject({ times: 100, method: 'GET', fault: { kind: 'status', status: 500 } })
    await expect(
      client({ policy: { retries: 1 } }).postMessage(room, 'x', {
        selfUnread: false,
        since: Date.now()
      })
    ).rejects.toThrow(
      /^POST \/rooms\/\d+\/messages failed: ECONNRESET\. Checking the room afterwards failed too: Chatwork answered GET \/me with 500 Internal Server Error: "Internal server error"\. The message may or may not have been posted: look in the room before running the step again\.$/
    )
    expect(emulator.requestsTo('POST')).toHaveLength(1)
  })
})
