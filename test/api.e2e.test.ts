/**
 * End to end: `mode: api` on the bundle against the emulator. Any endpoint, but the token goes
 * only below `api-base-url` (a second server proves that nothing reached another host), scalars
 * are sent as written, and a change is never sent twice.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ALICE, BOB, ChatworkEmulator, DEFAULT_TOKEN, ROOM } from '../tools/emulator/index.js'
import { expectNoStackTrace, failure, ok, runAgainst, useEmulator } from './support/e2e.js'
import { recordedEventWith } from './support/events.js'
import { table } from './support/table.js'
import { refusedPort } from './support/ports.js'

const emulator = useEmulator()

/** Another host on loopback: any request that reaches it is one the token should not be in. */
let trap: http.Server
let trapped: string[] = []
let trapPort = 0
beforeAll(async () => {
  trap = http.createServer((req, res) => {
    trapped.push(`${req.method} ${req.url}`)
    res.end('{}')
  })
  await new Promise<void>(resolve => trap.listen(0, '127.0.0.1', resolve))
  trapPort = (trap.address() as AddressInfo).port
})
afterAll(() => new Promise<void>(resolve => trap.close(() => resolve())))
beforeEach(() => {
  trapped = []
})

/** The token appears only in its own add-mask command. */
function expectTokenMasked(text: string): void {
  expect(text).toContain(`::add-mask::${DEFAULT_TOKEN}`)
  expect(text.replace(`::add-mask::${DEFAULT_TOKEN}`, '')).not.toContain(DEFAULT_TOKEN)
}

function api(inputs: Record<string, string>, options: Parameters<typeof runAgainst>[2] = {}) {
  return runAgainst(emulator(), { mode: 'api', ...inputs }, options)
}

describe('mode: api', () => {
  it('GETs a room’s members: the answer as Chatwork sent it, and its status', async () => {
    const result = ok(await api({ 'api-method': 'GET', 'api-path': `/rooms/${ROOM}/members` }))
    expect(result.outputs['http-status']).toBe('200')
    const members = JSON.parse(result.outputs.response ?? '') as { account_id: number }[]
    expect(members.map(m => m.account_id)).toContain(ALICE.account_id)
    expect(emulator().requests.map(r => `${r.method} ${r.path}`)).toEqual([
      `GET /rooms/${ROOM}/members`
    ])
  })

  it('GETs /me without room-id', async () => {
    const result = ok(await api({ 'api-method': 'get', 'api-path': '/me', 'room-id': '' }))
    expect(JSON.parse(result.outputs.response ?? '')).toMatchObject({
      account_id: expect.any(Number)
    })
    expectTokenMasked(result.stdout + result.stderr + result.summary)
  })

  it('POSTs a message whose value is a template, escaped like message', async () => {
    const result = ok(
      await api(
        {
          'api-method': 'POST',
          'api-path': `/rooms/${ROOM}/messages`,
          'api-params': 'body: "Deployed by {{ env.WHO }} [hr]"\nself_unread: 0'
        },
        { env: { WHO: '[toall] mallory' } }
      )
    )
    const stored = emulator().messages(ROOM)
    expect(stored.map(m => m.body)).toEqual(['Deployed by [\u200Btoall] mallory [hr]'])
    expect(JSON.parse(result.outputs.response ?? '')).toEqual({
      message_id: stored[0]?.message_id
    })
  })

  it('sends scalars as written and a sequence joined with commas', async () => {
    ok(
      await api({
        'api-method': 'GET',
        'api-path': '/me',
        'api-params': 'id: 1928374655918273645\nflag: yes\ncode: 0123\nto_ids: [1, 2]'
      })
    )
    const [request] = emulator().requests
    expect(Object.fromEntries(request?.query ?? [])).toEqual({
      id: '1928374655918273645',
      flag: 'yes',
      code: '0123',
      to_ids: '1,2'
    })
  })

  it('POSTs a form body: a task for two assignees from a sequence', async () => {
    const result = ok(
      await api({
        'api-method': 'POST',
        'api-path': `/rooms/${ROOM}/tasks`,
        'api-params': `body: Review\nto_ids:\n  - ${ALICE.account_id}\n  - ${BOB.account_id}\nlimit_type: none`
      })
    )
    const [request] = emulator().requestsTo('POST')
    expect(new URLSearchParams(request?.body.toString()).get('to_ids')).toBe(
      `${ALICE.account_id},${BOB.account_id}`
    )
    expect(request?.query.size).toBe(0)
    expect(emulator().tasks(ROOM)).toHaveLength(2)
    expect(result.outputs.response).toMatch(/^\{"task_ids":\[\d+,\d+\]\}$/)
  })

  it('keeps a 404 answer in its outputs and fails the step with advice', async () => {
    const result = await api({ 'api-method': 'GET', 'api-path': '/rooms/999/members' })
    const message = failure(result)
    expect(message).toContain('404')
    expect(message).toContain("Check 'api-path'")
    expect(result.outputs['http-status']).toBe('404')
    expect(JSON.parse(result.outputs.response ?? '')).toHaveProperty('errors')
    expect(result.outputs.ok).toBe('false')
  })

  it("with fail-on-error 'false', a 404 is a warning and the outputs are set", async () => {
    const result = ok(
      await api({ 'api-method': 'GET', 'api-path': '/rooms/999', 'fail-on-error': 'false' })
    )
    expect(result.outputs['http-status']).toBe('404')
    expect(result.stdout).toContain('::warning::')
  })

  it('dry-run prints the request and sends nothing', async () => {
    const result = ok(
      await api({
        'api-method': 'PUT',
        'api-path': `/rooms/${ROOM}/members`,
        'api-params': `members_admin_ids: [${ALICE.account_id}]`,
        'dry-run': 'true'
      })
    )
    expect(result.stdout).toContain(`PUT ${emulator().url}/rooms/${ROOM}/members`)
    expect(result.stdout).toContain(`members_admin_ids: ${ALICE.account_id}`)
    expectTokenMasked(result.stdout + result.stderr + result.summary)
    expect(emulator().requests).toHaveLength(0)
  })
})

describe('mode: api refuses, before any request, a path that could go elsewhere', () => {
  // TRAP stands for the trap server's port, known only once it listens.
  const refused = [
    '/rooms/../me',
    '/rooms/./me',
    '/rooms//me',
    '/me?x',
    '/me#x',
    '/rooms\\me',
    '/rooms/%2e%2e/me',
    '/rooms%2Fme',
    '/rooms%5cme',
    '/rooms/1 /me',
    '/rooms/1\u0007/me',
    'http://evil',
    'http://127.0.0.1:TRAP/x',
    '//evil.example/x',
    '//127.0.0.1:TRAP/x',
    '/rooms/1/me"'
  ]

  // One test per path: each starts the action once, so each has the whole test timeout to
  // itself however slow process start-up is (16 in one test timed out under coverage in CI).
  table(refused.map(path => [JSON.stringify(path), path]))(
    'refuses %s, naming the input; nothing reaches Chatwork or another host',
    async (_, written) => {
      const path = written.replace('TRAP', String(trapPort))
      const result = await api({ 'api-method': 'GET', 'api-path': path })
      const message = failure(result)
      expect(message, path).toContain(`Input 'api-path' is `)
      expect(message, path).toContain('Nothing was sent.')
      expectNoStackTrace(result)
      expect(emulator().requests).toHaveLength(0)
      expect(trapped).toEqual([])
    }
  )

  it('refuses event text pasted into the path', async () => {
    for (const title of [`${ROOM}/members`, String(ROOM), `rooms/${ROOM}`]) {
      const result = await api(
        { 'api-method': 'DELETE', 'api-path': `/rooms/${ROOM}/members` },
        { event: recordedEventWith('issue_comment.created', { issue: { title } }) }
      )
      const message = failure(result)
      expect(message).toContain(`contains the text of github.event.issue.title ('${title}')`)
      expect(message).toContain('Nothing was sent.')
    }
    // A repository named like one of Chatwork's words breaks nothing.
    ok(
      await api(
        { 'api-method': 'GET', 'api-path': `/rooms/${ROOM}/members` },
        { event: recordedEventWith('push', { repository: { name: 'members' } }) }
      )
    )
    expect(emulator().requests).toHaveLength(1)
    expect(trapped).toEqual([])
  })

  it('refuses event text pasted into a parameter', async () => {
    const result = await api(
      {
        'api-method': 'POST',
        'api-path': `/rooms/${ROOM}/messages`,
        'api-params': 'body: "{{ env.SECRET }}"'
      },
      {
        event: recordedEventWith('issue_comment.created', {
          issue: { title: 'x {{ env.SECRET }}' }
        })
      }
    )
    expect(failure(result)).toContain('github.event.issue.title')
    expect(emulator().requests).toHaveLength(0)
  })

  it('refuses YAML anchors and aliases, and values that are mappings', async () => {
    const anchored = await api({
      'api-method': 'POST',
      'api-path': `/rooms/${ROOM}/messages`,
      'api-params': 'a: &x hello\nbody: *x'
    })
    expect(failure(anchored)).toContain("Input 'api-params', line 1: an anchor ('&x')")
    const nested = await api({
      'api-method': 'POST',
      'api-path': `/rooms/${ROOM}/messages`,
      'api-params': 'body:\n  inner: 1'
    })
    expect(failure(nested)).toContain("Input 'api-params' has 'body' set to a mapping")
    expect(emulator().requests).toHaveLength(0)
  })

  it('refuses a missing or unknown method, and other modes still need room-id', async () => {
    expect(failure(await api({ 'api-path': '/me' }))).toContain(
      "Input 'api-method' is required for mode 'api'"
    )
    expect(failure(await api({ 'api-method': 'PATCH', 'api-path': '/me' }))).toContain(
      "Input 'api-method' is 'PATCH'; expected one of GET, POST, PUT, DELETE."
    )
    expect(failure(await api({ 'api-method': 'GET', 'api-path': '' }))).toContain(
      "Input 'api-path' is required for mode 'api'"
    )
    for (const mode of ['send', 'fetch']) {
      const result = await runAgainst(emulator(), { mode, message: 'hi', 'room-id': '' })
      expect(failure(result)).toContain(`Input 'room-id' is required for mode '${mode}'`)
    }
    expect(emulator().requests).toHaveLength(0)
  })
})

describe('mode: api never sends a change twice', () => {
  const post = {
    'api-method': 'POST',
    'api-path': `/rooms/${ROOM}/messages`,
    'api-params': 'body: once'
  }

  it('a POST whose answer was lost: stored once, not sent again, the step says how to check', async () => {
    emulator().inject({ times: 1, method: 'POST', fault: { kind: 'drop-after' } })
    const result = await api(post)
    const message = failure(result)
    expect(message).toContain('Chatwork may have processed it')
    expect(message).toContain('GET /rooms/{room_id}/messages')
    expect(emulator().requestsTo('POST')).toHaveLength(1)
    expect(
      emulator()
        .messages(ROOM)
        .map(m => m.body)
    ).toEqual(['once'])
  })

  it('a POST answered 500 is not sent again', async () => {
    emulator().inject({ times: 5, method: 'POST', fault: { kind: 'status', status: 500 } })
    const result = await api(post)
    expect(failure(result)).toContain('Chatwork may have processed it')
    expect(result.outputs['http-status']).toBe('500')
    expect(emulator().requestsTo('POST')).toHaveLength(1)
  })

  it('a POST that never reached Chatwork (connection refused) is sent again', async () => {
    const result = await runAgainst(
      { url: `http://127.0.0.1:${await refusedPort()}/v2` },
      { mode: 'api', ...post, retries: '1' }
    )
    expect(failure(result)).toContain('ECONNREFUSED')
    expect(result.stdout).toContain('Retry 1 of 1')
  })

  it('a GET answered 500 is retried, as the reads are', async () => {
    emulator().inject({ times: 1, method: 'GET', fault: { kind: 'status', status: 500 } })
    const result = ok(await api({ 'api-method': 'GET', 'api-path': '/me' }))
    expect(result.outputs['http-status']).toBe('200')
    expect(emulator().requestsTo('GET')).toHaveLength(2)
  })
})

describe('mode: api and the room posting limit', () => {
  let limited: ChatworkEmulator
  beforeAll(async () => {
    limited = await new ChatworkEmulator({
      // Long enough that the second run starts inside the window on a slow machine (or under
      // coverage), short enough that the retry's wait stays a few seconds.
      roomPostLimit: { max: 1, windowMs: 5_000 },
      retryAfter: true
    }).start()
  })
  afterAll(() => limited.stop())

  it('a POST refused with 429 is sent again after the wait, and stored once', async () => {
    const inputs = { mode: 'api', 'api-method': 'POST', 'api-path': `/rooms/${ROOM}/messages` }
    ok(await runAgainst(limited, { ...inputs, 'api-params': 'body: first' }))
    const result = ok(await runAgainst(limited, { ...inputs, 'api-params': 'body: second' }))
    expect(result.stdout).toContain('429')
    expect(limited.requestsTo('POST').map(r => r.status)).toEqual([200, 429, 200])
    expect(limited.messages(ROOM).map(m => m.body)).toEqual(['first', 'second'])
  })
})
