/**
 * End-to-end, the bundled action against the emulator: `reply-to`: the Reply header for a message,
 * and the gate that waits for replies to it.
 */
import { describe, expect, it } from 'vitest'
import { ALICE, BOB, BOT, OPS_ROOM, OTHER_TOKEN, ROOM } from '../tools/emulator/index.js'
import { failure, ok, runOn, useEmulator } from './support/e2e.js'
import { table } from './support/table.js'

const server = useEmulator()
const run = runOn(server)

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

  it('counts the header in the length, in the dry run as in the real run; a text too long alone is refused before any request', async () => {
    const started = server().post(ROOM, ALICE, 'Deploy started')
    // Fits alone (65,500 characters), not after "[rp aid=2002 to=…]Alice Tanaka" and a break.
    const message = 'x'.repeat(65_500)
    const inputs = { 'reply-to': started.message_id, message }
    expect(failure(await run(inputs))).toMatch(
      /^The message with the reply header for 'reply-to' has 655\d\d characters; Chatwork accepts at most 65535\./
    )
    expect(server().requestsTo('GET', `/rooms/${ROOM}/messages/`)).toHaveLength(1)
    expect(server().requestsTo('POST')).toHaveLength(0)
    server().forgetRequests()
    expect(failure(await run({ ...inputs, 'dry-run': 'true' }))).toMatch(
      /^The message with the reply header for 'reply-to' has 655\d\d characters/
    )
    const tooLong = failure(await run({ ...inputs, message: 'x'.repeat(65_536) }))
    expect(tooLong).toContain("Input 'message' rendered to 65536 characters")
    expect(server().requests).toHaveLength(0)
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

  table([
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
