/**
 * End-to-end: a server that answers a request it carried out with something wrong (a rate-limit
 * header out of range, a body without a usable id, a field of the wrong type). What it did is
 * what counts: a request that succeeded is never a failure, never sent again.
 */
import { describe, expect, it } from 'vitest'
import { ALICE, ROOM } from '../tools/emulator/index.js'
import { expectNoStackTrace, failure, ok, runAgainst, useEmulator } from './support/e2e.js'

// Many posts to one room in a few seconds: the room's posting limit is not what is tested here.
const server = useEmulator({ roomPostLimit: { max: 1000, windowMs: 10_000 } })

const DEBUG = { RUNNER_DEBUG: '1' }

describe('rate-limit headers out of range', () => {
  it.each([
    ['huge', '99999999999999'],
    ['beyond what a Date holds', '9'.repeat(30)],
    ['negative', '-5'],
    ['not a number', 'soon'],
    ['two days ahead', String(Math.floor(Date.now() / 1000) + 2 * 86_400)]
  ])('x-ratelimit-reset %s on a successful post: ignored, delivered once', async (_, reset) => {
    server().inject({
      times: 1,
      method: 'POST',
      fault: { kind: 'headers-after', headers: { 'x-ratelimit-reset': reset } }
    })
    const result = ok(await runAgainst(server(), { message: 'deployed' }, { env: DEBUG }))
    expect(
      server()
        .messages(ROOM)
        .map(m => m.body)
    ).toEqual(['deployed'])
    expect(server().requestsTo('POST')).toHaveLength(1)
    expect(result.outputs['message-id']).toBe(server().messages(ROOM)[0]?.message_id)
    expect(result.outputs.ok).toBe('true')
    expect(result.stdout).toContain(
      `::debug::Ignored the response header x-ratelimit-reset: ${JSON.stringify(reset)}`
    )
    expectNoStackTrace(result)
  })

  it('x-ratelimit-limit that is not a count on a fetch: ignored, the fetch succeeds', async () => {
    server().post(ROOM, ALICE, 'hello')
    server().inject({
      times: 1,
      method: 'GET',
      fault: { kind: 'headers-after', headers: { 'x-ratelimit-limit': '1e999' } }
    })
    const result = ok(await runAgainst(server(), { mode: 'fetch' }, { env: DEBUG }))
    expect(result.outputs.count).toBe('1')
    expect(result.stdout).toContain(
      '::debug::Ignored the response header x-ratelimit-limit: "1e999"'
    )
  })
})

describe('a 2xx to a POST with an unusable body: delivered, never sent again', () => {
  it.each([
    ['an HTML page', '<html><body>Signed in</body></html>'],
    ['an empty object', '{}'],
    ['a message_id of the wrong type', '{"message_id": true}'],
    ['truncated JSON', '{"message_id": "19283746'],
    ['an empty body', '']
  ])('%s: the look-up finds the id', async (_, body) => {
    server().inject({ times: 1, method: 'POST', fault: { kind: 'corrupt-after', body } })
    const result = ok(await runAgainst(server(), { message: 'release v2' }))
    const [stored] = server().messages(ROOM)
    expect(server().messages(ROOM)).toHaveLength(1)
    expect(server().requestsTo('POST')).toHaveLength(1)
    expect(result.outputs['message-id']).toBe(stored?.message_id)
    expect(result.outputs['message-ids']).toBe(JSON.stringify({ [ROOM]: stored?.message_id }))
    expect(result.stdout).toContain(
      'so it took effect: looking up its id instead of sending it again.'
    )
    expect(result.stdout).toContain('The look-up found it.')
    expect(result.stdout).not.toContain('::warning::')
    expectNoStackTrace(result)
  })

  it('the look-up does not find it: delivered with the id unknown, a warning, outputs say so', async () => {
    // The server answers 200 without storing: the room's messages cannot show it.
    server().inject({
      times: 1,
      method: 'POST',
      fault: { kind: 'status', status: 200, body: '{}' }
    })
    const result = ok(await runAgainst(server(), { message: 'release v3' }))
    expect(server().requestsTo('POST')).toHaveLength(1)
    expect(result.stdout).toContain('The look-up did not find it.')
    expect(result.stdout).toContain(
      `::warning::Sent the message to room ${ROOM} (Chatwork accepted it), but its id is unknown`
    )
    expect(result.outputs).toMatchObject({
      ok: 'true',
      'message-id': '',
      'message-url': '',
      'message-ids': JSON.stringify({ [ROOM]: '' })
    })
    expect(result.summary).toContain(`Room ${ROOM}: delivered; its id is unknown`)
  })

  it('the look-up itself fails: still delivered with the id unknown, not sent again', async () => {
    server().inject({
      times: 1,
      method: 'POST',
      fault: { kind: 'status', status: 200, body: '{}' }
    })
    server().inject({ times: 100, method: 'GET', fault: { kind: 'status', status: 500 } })
    const result = ok(await runAgainst(server(), { message: 'release v4', retries: '0' }))
    expect(server().requestsTo('POST')).toHaveLength(1)
    expect(result.stdout).toMatch(/The look-up failed: .*500 Internal Server Error/)
    expect(result.stdout).toContain('::warning::Sent the message to room')
    expect(result.outputs['message-id']).toBe('')
  })

  it('an upload: the look-up finds the file id', async () => {
    server().inject({
      times: 1,
      method: 'POST',
      fault: { kind: 'corrupt-after', body: '{"file_id": "x"}' }
    })
    const result = ok(
      await runAgainst(
        server(),
        { file: 'report.txt', message: 'the report' },
        {
          files: { 'report.txt': 'all green' }
        }
      )
    )
    expect(server().requestsTo('POST')).toHaveLength(1)
    const [file] = server().rooms.get(ROOM)?.files ?? []
    expect(result.outputs['file-id']).toBe(String(file?.file_id))
    expect(result.stdout).toContain('The look-up found it.')
  })

  it('a task: the look-up finds the task ids', async () => {
    server().inject({ times: 1, method: 'POST', fault: { kind: 'corrupt-after', body: '<html>' } })
    const result = ok(
      await runAgainst(server(), {
        mode: 'task',
        message: 'review the release',
        to: String(ALICE.account_id)
      })
    )
    expect(server().requestsTo('POST')).toHaveLength(1)
    const ids = server()
      .tasks(ROOM)
      .map(t => String(t.task_id))
    expect(ids).toHaveLength(1)
    expect(JSON.parse(result.outputs['task-ids'] ?? '')).toEqual(ids)
  })
})

describe('a GET answer with a field of the wrong type', () => {
  const message = (fields: object) =>
    JSON.stringify([
      {
        message_id: '1928374655918273645',
        account: { account_id: ALICE.account_id, name: 'Alice', avatar_image_url: '' },
        body: 'hi',
        send_time: 1_700_000_000,
        update_time: 0,
        ...fields
      }
    ])

  it.each([
    ['account a string', message({ account: 'Alice' })],
    ["account's name a number", message({ account: { account_id: 2002, name: 7 } })],
    ['send_time not a safe integer', message({ send_time: 1e300 })],
    ['send_time a string', message({ send_time: '1700000000' })]
  ])('fetch, %s: the invalid-response error, no crash', async (_, body) => {
    server().inject({ times: 1, method: 'GET', fault: { kind: 'status', status: 200, body } })
    const result = await runAgainst(server(), { mode: 'fetch' })
    expect(failure(result)).toContain(
      `Chatwork's response to GET /rooms/${ROOM}/messages was invalid: it is not a list of messages.`
    )
    expect(result.stdout + result.stderr).not.toMatch(/TypeError|RangeError/)
    expectNoStackTrace(result)
  })

  it("reply-to, the replied-to message's author name a number: the invalid-response error", async () => {
    const original = server().post(ROOM, ALICE, 'deploy?')
    const body = JSON.parse(
      message({ message_id: original.message_id, account: { account_id: 2002, name: [] } })
    )[0]
    server().inject({
      times: 1,
      method: 'GET',
      fault: { kind: 'status', status: 200, body: JSON.stringify(body) }
    })
    const result = await runAgainst(server(), { 'reply-to': original.message_id, message: 'ok' })
    expect(failure(result)).toContain('was invalid: it is not a message.')
    expect(server().requestsTo('POST')).toHaveLength(0)
    expect(result.stdout + result.stderr).not.toMatch(/TypeError/)
    expectNoStackTrace(result)
  })

  it('members with a name that is not a string: the members check is skipped, the post goes through', async () => {
    server().inject({
      times: 1,
      method: 'GET',
      pathPrefix: `/rooms/${ROOM}/members`,
      fault: {
        kind: 'status',
        status: 200,
        body: '[{"account_id": 2002, "name": {}, "role": "member"}]'
      }
    })
    const result = ok(await runAgainst(server(), { message: 'hi', to: String(ALICE.account_id) }))
    expect(server().messages(ROOM)).toHaveLength(1)
    expectNoStackTrace(result)
  })
})
