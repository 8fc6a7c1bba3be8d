/**
 * End-to-end, the bundled action against the emulator: editing and deleting a message sent earlier
 * (`mode: update`, `mode: delete`).
 */
import { describe, expect, it } from 'vitest'
import { ALICE, BOT, OPS_ROOM, ROOM } from '../tools/emulator/index.js'
import { failure, ok, runOn, useEmulator } from './support/e2e.js'
import { table } from './support/table.js'

const server = useEmulator()
const run = runOn(server)

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

  table([
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
