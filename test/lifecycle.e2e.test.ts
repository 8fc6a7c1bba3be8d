/**
 * End-to-end: update, delete, mentions, titles, message files, attachments, several rooms and
 * dry runs, with the bundled action against the server().
 */
import { describe, expect, it } from 'vitest'
import {
  ALICE,
  BOB,
  BOT,
  ChatworkEmulator,
  DEFAULT_TOKEN,
  FOREIGN_ROOM,
  OPS_ROOM,
  ROOM
} from '../tools/emulator/index.js'
import { failure, ok, runAgainst, useEmulator } from './support/e2e.js'
import type { RunOptions } from '../tools/run-action.js'

const server = useEmulator()

function run(inputs: Record<string, string>, options: Omit<RunOptions, 'inputs'> = {}) {
  return runAgainst(server(), inputs, options)
}

describe('update', () => {
  it('edits a message sent earlier, using its message-id', async () => {
    const sent = ok(await run({ message: 'Deploy of {{ github.ref_name }} started' }))
    const id = sent.outputs['message-id'] ?? ''
    const updated = ok(
      await run({
        mode: 'update',
        'message-id': id,
        message: 'Deploy of {{ github.ref_name }} finished ✅'
      })
    )
    const [message] = server().messages(ROOM)
    expect(server().messages(ROOM)).toHaveLength(1)
    expect(message?.body).toBe('Deploy of main finished ✅')
    expect(message?.update_time).toBeGreaterThan(0)
    expect(updated.outputs['message-id']).toBe(id)
    expect(updated.outputs['message-url']).toBe(`https://www.chatwork.com/#!rid${ROOM}-${id}`)
    const put = server().requestsTo('PUT')[0]
    expect(put?.path).toBe(`/rooms/${ROOM}/messages/${id}`)
    expect(put?.headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(new URLSearchParams(put?.body.toString()).get('body')).toBe('Deploy of main finished ✅')
    expect(updated.summary).toContain('Chatwork message updated')
  })

  it("refuses to edit someone else's message: 403 and advice, one request", async () => {
    const theirs = server().post(ROOM, ALICE, 'mine')
    const result = await run({ mode: 'update', 'message-id': theirs.message_id, message: 'x' })
    expect(failure(result)).toContain(
      `Could not update message ${theirs.message_id} in room ${ROOM}. Chatwork answered PUT /rooms/${ROOM}/messages/${theirs.message_id} with 403 Forbidden: "You can't edit this message". Only a message's author can edit or delete it`
    )
    expect(server().requests).toHaveLength(1)
    expect(theirs.body).toBe('mine')
  })

  it('a message that does not exist: 404 and advice', async () => {
    const result = await run({ mode: 'update', 'message-id': '1928374655918273645', message: 'x' })
    expect(failure(result)).toContain('404 Not Found: "Message not found"')
  })

  it.each([
    [
      { mode: 'update', message: 'x' },
      "Input 'message-id' is required for mode 'update': the id of the message, e.g. the 'message-id' output of the step that sent it."
    ],
    [{ mode: 'delete' }, "Input 'message-id' is required for mode 'delete'"],
    [
      { mode: 'update', 'message-id': '12a', message: 'x' },
      "Input 'message-id' is '12a'; expected a Chatwork message id (digits only), e.g. '1928374655918273645'."
    ],
    [
      { mode: 'update', 'message-id': '123' },
      "Input 'message' (or 'message-file') is required for mode 'update'."
    ],
    [
      { mode: 'update', 'message-id': '123', message: 'x', 'room-id': `${ROOM},${OPS_ROOM}` },
      `Input 'room-id' lists 2 rooms ('${ROOM},${OPS_ROOM}'); mode 'update' takes exactly one room. Only 'send', 'task' and 'task-done' work in several rooms.`
    ]
  ])('refuses %o before any request', async (inputs, expected) => {
    const result = await run(inputs)
    expect(failure(result)).toContain(expected)
    expect(server().requests).toHaveLength(0)
  })
})

describe('delete', () => {
  it('deletes a message and outputs its id', async () => {
    const sent = ok(await run({ message: 'oops' }))
    const id = sent.outputs['message-id'] ?? ''
    const deleted = ok(await run({ mode: 'delete', 'message-id': id }))
    expect(server().messages(ROOM)).toHaveLength(0)
    expect(deleted.outputs['message-id']).toBe(id)
    expect(server().requestsTo('DELETE')[0]?.path).toBe(`/rooms/${ROOM}/messages/${id}`)
  })

  it('a delete whose answer was lost counts as done once the message is gone', async () => {
    const own = server().post(ROOM, BOT, 'temporary')
    server().inject({ times: 1, method: 'DELETE', fault: { kind: 'drop-after' } })
    const result = ok(await run({ mode: 'delete', 'message-id': own.message_id }))
    expect(result.outputs['message-id']).toBe(own.message_id)
    expect(server().requests.map(r => `${r.method} ${r.status}`)).toEqual(['DELETE -2', 'GET 404'])
  })
})

describe('mentions and info boxes', () => {
  it('to: one [To:id] per account on the first line, then the text', async () => {
    ok(await run({ message: 'Please review', to: '2002, 3003\n2002' }))
    const body = server().messages(ROOM)[0]?.body
    expect(body).toBe('[To:2002][To:3003]\nPlease review')
    expect(ChatworkEmulator.mentions(body ?? '')).toEqual({
      to: [ALICE.account_id, BOB.account_id],
      toAll: false
    })
  })

  it('to-all puts [toall] first', async () => {
    ok(await run({ message: 'Release day', 'to-all': 'true', to: '2002' }))
    expect(server().messages(ROOM)[0]?.body).toBe('[toall][To:2002]\nRelease day')
  })

  it('title wraps the message in an info box, mentions stay outside and notify', async () => {
    ok(
      await run(
        {
          message: '{{ github.event.head_commit.message }}',
          title: 'Build {{ github.ref_name }} {{ env.STATUS }}',
          to: '3003'
        },
        { env: { STATUS: '[toall] failed' } }
      )
    )
    const body = server().messages(ROOM)[0]?.body ?? ''
    expect(body).toBe(
      '[To:3003]\n[info][title]Build main [\u200Btoall] failed[/title]Fix the build[/info]'
    )
    expect(ChatworkEmulator.mentions(body)).toEqual({ to: [BOB.account_id], toAll: false })
  })

  it('refuses account ids that are not digits, before any request', async () => {
    const result = await run({ message: 'x', to: '2002, alice' })
    expect(failure(result)).toBe(
      "Input 'to' has 'alice'; expected Chatwork account ids (digits only), or GitHub logins when 'account-map' is set, separated by commas or newlines."
    )
    expect(server().requests).toHaveLength(0)
  })

  it('warns when a mentioned account is not in the room', async () => {
    const result = ok(await run({ message: 'x', to: '2002, 999' }))
    expect(result.stdout).toContain(
      `::warning::Account 999 is not a member of room ${ROOM}: the [To:] mention will not notify it.`
    )
    expect(server().messages(ROOM)).toHaveLength(1)
  })
})

describe('message-file', () => {
  it('reads the template from a file in the workspace', async () => {
    ok(
      await run(
        { 'message-file': 'notify.liquid' },
        { files: { 'notify.liquid': 'From a file: {{ github.repository }}\n' } }
      )
    )
    expect(server().messages(ROOM).at(-1)?.body).toBe('From a file: octo-org/octo-repo')
  })

  it.each([
    [
      { 'message-file': 'missing.txt' },
      {},
      "Input 'message-file' is 'missing.txt': no such file (looked for '"
    ],
    [
      { 'message-file': 'notify.liquid', message: 'x' },
      { 'notify.liquid': 'y' },
      "Inputs 'message' and 'message-file' are both set; use one of them."
    ],
    [
      { 'message-file': 'empty.liquid' },
      { 'empty.liquid': '' },
      "Input 'message-file' is 'empty.liquid': the file is empty."
    ],
    [
      { 'message-file': 'bad.liquid' },
      { 'bad.liquid': 'line 1\n{% for x in y %}' },
      "Input 'message-file' is not a valid template: tag {% for x in y %} not closed, line:2, col:1."
    ]
  ])('refuses %o before any request', async (inputs, files, expected) => {
    const result = await run({ message: '', ...inputs }, { files })
    expect(failure(result)).toContain(expected)
    expect(server().requests).toHaveLength(0)
  })
})

describe('file', () => {
  const report = Buffer.from(
    '<testsuite tests="3" failures="1">\n  <testcase name="ä & ü"/>\n</testsuite>\n'
  )

  it('uploads the file as multipart/form-data with the rendered message', async () => {
    const result = ok(
      await run(
        { file: 'report.xml', message: 'Test report for {{ github.sha | slice: 0, 7 }}' },
        { files: { 'report.xml': report } }
      )
    )
    const [stored] = server().rooms.get(ROOM)?.files ?? []
    expect(stored?.filename).toBe('report.xml')
    expect(stored?.content.equals(report)).toBe(true)
    expect(stored?.contentType).toBe('application/xml')
    expect(result.outputs['file-id']).toBe(String(stored?.file_id))
    expect(server().messages(ROOM)[0]?.body).toMatch(
      /^Test report for 0123456\n\[info\]\[title\]\[dtext:file_uploaded\]/
    )
    const request = server().requestsTo('POST', `/rooms/${ROOM}/files`)[0]
    expect(request?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/)
    expect(server().requests).toHaveLength(1)
  })

  it('uploads without a message', async () => {
    ok(await run({ file: 'report.xml', message: '' }, { files: { 'report.xml': report } }))
    expect(server().rooms.get(ROOM)?.files).toHaveLength(1)
  })

  it('does not upload twice when the answer was lost', async () => {
    server().inject({ times: 1, method: 'POST', fault: { kind: 'drop-after' } })
    const result = ok(
      await run({ file: 'report.xml', message: 'x' }, { files: { 'report.xml': report } })
    )
    const files = server().rooms.get(ROOM)?.files ?? []
    expect(files).toHaveLength(1)
    expect(result.outputs['file-id']).toBe(String(files[0]?.file_id))
  })

  it('refuses a file over 5 MB before sending', async () => {
    const result = await run(
      { file: 'big.bin', message: 'x' },
      { files: { 'big.bin': Buffer.alloc(5 * 1024 * 1024 + 1) } }
    )
    expect(failure(result)).toBe(
      "Input 'file' is 'big.bin': the file has 5242881 bytes; Chatwork accepts files up to 5 MB (5242880 bytes)."
    )
    expect(server().requests).toHaveLength(0)
  })

  it('refuses a missing file before sending', async () => {
    const result = await run({ file: 'nope.txt', message: 'x' })
    expect(failure(result)).toMatch(
      /^Input 'file' is 'nope.txt': no such file \(looked for '.*nope.txt'\)\. Paths are relative to the workspace/
    )
    expect(server().requests).toHaveLength(0)
  })
})

describe('several rooms', () => {
  it('posts to each room and outputs message-ids', async () => {
    const result = ok(await run({ message: 'Announcement', 'room-id': `${ROOM},\n${OPS_ROOM}` }))
    const ids = JSON.parse(result.outputs['message-ids'] ?? '{}') as Record<string, string>
    expect(Object.keys(ids).sort()).toEqual([String(ROOM), String(OPS_ROOM)].sort())
    expect(ids[String(ROOM)]).toBe(server().messages(ROOM)[0]?.message_id)
    expect(ids[String(OPS_ROOM)]).toBe(server().messages(OPS_ROOM)[0]?.message_id)
    expect(result.outputs['message-id']).toBe(ids[String(ROOM)])
    expect(result.outputs['message-url']).toBe(
      `https://www.chatwork.com/#!rid${ROOM}-${ids[String(ROOM)]}`
    )
    expect(server().requestsTo('POST')).toHaveLength(2)
  })

  it('a failing room does not stop the others; the error lists it and the outputs are written', async () => {
    const result = await run({
      message: 'Announcement',
      'room-id': `${FOREIGN_ROOM}, ${ROOM}, ${OPS_ROOM}`
    })
    const error = failure(result)
    expect(error).toContain(
      `Could not deliver to 1 of 3 rooms (${FOREIGN_ROOM}); rooms ${ROOM}, ${OPS_ROOM} got it.`
    )
    expect(error).toContain(
      `room ${FOREIGN_ROOM}: Could not send the message to room ${FOREIGN_ROOM}. Chatwork answered POST /rooms/${FOREIGN_ROOM}/messages with 404 Not Found`
    )
    expect(server().messages(ROOM)).toHaveLength(1)
    expect(server().messages(OPS_ROOM)).toHaveLength(1)
    expect(JSON.parse(result.outputs['message-ids'] ?? '')).toEqual({
      [ROOM]: server().messages(ROOM)[0]?.message_id,
      [OPS_ROOM]: server().messages(OPS_ROOM)[0]?.message_id
    })
    expect(result.outputs['message-id']).toBe('')
  })

  it('when every room fails, it does not claim that others got the message', async () => {
    const result = await run({ message: 'x', 'room-id': `${FOREIGN_ROOM}, 42` })
    const error = failure(result)
    expect(error).toContain(`Could not deliver to 2 of 2 rooms (${FOREIGN_ROOM}, 42).`)
    expect(error).not.toContain('the others got it')
    expect(JSON.parse(result.outputs['message-ids'] ?? '')).toEqual({})
  })

  it('with fail-on-error false, a failing room is a warning', async () => {
    const result = ok(
      await run({ message: 'x', 'room-id': `${ROOM}, ${FOREIGN_ROOM}`, 'fail-on-error': 'false' })
    )
    expect(result.stdout).toContain('::warning::Could not deliver to 1 of 2 rooms')
    expect(result.outputs['message-id']).toBe(server().messages(ROOM)[0]?.message_id)
  })

  it('fetch takes exactly one room', async () => {
    const result = await run({ mode: 'fetch', 'room-id': `${ROOM},${OPS_ROOM}` })
    expect(failure(result)).toContain("mode 'fetch' takes exactly one room")
    expect(server().requests).toHaveLength(0)
  })
})

describe('inputs a mode does not read', () => {
  it('are named in a warning, and an invalid one there does not fail the step', async () => {
    const sent = ok(await run({ message: 'to delete' }))
    const id = sent.outputs['message-id'] ?? ''
    const result = ok(
      await run({ mode: 'delete', 'message-id': id, file: 'report.txt', match: '(', title: 'x' })
    )
    expect(result.stdout).toContain(
      "::warning::Inputs 'title', 'file', 'match' do not apply to mode 'delete' and are ignored."
    )
    expect(server().messages(ROOM)).toHaveLength(0)
  })
})

describe('dry-run', () => {
  it('renders, validates and prints the message and request, and sends nothing', async () => {
    const result = ok(
      await run({
        message: 'Hello {{ github.actor }} & co',
        title: 'Hi',
        to: '2002',
        'dry-run': 'true',
        'room-id': `${ROOM},${OPS_ROOM}`
      })
    )
    expect(server().requests).toHaveLength(0)
    expect(result.stdout).toContain('Dry run: nothing is sent.')
    expect(result.stdout).toMatch(
      /The message:\n::stop-commands::([0-9a-f-]{36})\n\[To:2002\]\n\[info\]\[title\]Hi\[\/title\]Hello octocat & co\[\/info\]\n::\1::\n/
    )
    expect(result.stdout).toContain(
      `POST ${server().url}/rooms/${ROOM}/messages\nbody: [To:2002]\n[info][title]Hi[/title]Hello octocat & co[/info]\nself_unread: 0`
    )
    expect(result.stdout).toContain(`POST ${server().url}/rooms/${OPS_ROOM}/messages`)
    expect(result.stdout.replace(`::add-mask::${DEFAULT_TOKEN}`, '')).not.toContain(DEFAULT_TOKEN)
    expect(result.summary).toContain('Chatwork dry run: not sent')
    expect(result.outputs).toEqual({ ok: 'true' })
  })

  it.each([
    [
      { mode: 'update', 'message-id': '5', message: 'new' },
      `PUT ${'URL'}/rooms/${ROOM}/messages/5\nbody: new`
    ],
    [{ mode: 'delete', 'message-id': '5' }, `DELETE ${'URL'}/rooms/${ROOM}/messages/5`],
    [{ mode: 'fetch' }, `GET ${'URL'}/rooms/${ROOM}/messages?force=1`],
    [
      { file: 'a.txt', message: 'm' },
      `POST ${'URL'}/rooms/${ROOM}/files\nfile: a.txt (3 bytes, multipart/form-data)\nmessage: m`
    ]
  ])('prints %o without sending', async (inputs, expected) => {
    const result = ok(await run({ ...inputs, 'dry-run': 'true' }, { files: { 'a.txt': 'abc' } }))
    expect(result.stdout).toContain(expected.replace('URL', server().url))
    expect(server().requests).toHaveLength(0)
  })

  it('still refuses a bad template', async () => {
    const result = await run({ message: '{{ x | nope }}', 'dry-run': 'true' })
    expect(failure(result)).toContain("Input 'message' is not a valid template")
  })
})
