/**
 * End-to-end, the bundled action against the emulator: several rooms in `room-id`: one message
 * each, and a failing room that does not stop the others.
 */
import { describe, expect, it } from 'vitest'
import { FOREIGN_ROOM, OPS_ROOM, ROOM } from '../tools/emulator/index.js'
import { failure, ok, runOn, useEmulator } from './support/e2e.js'

const server = useEmulator()
const run = runOn(server)

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
