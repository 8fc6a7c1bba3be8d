/**
 * End-to-end, the bundled action against the emulator: `mode: send`: the rendered message posted,
 * its outputs, notation escaped, the length bound.
 */
import { describe, expect, it } from 'vitest'
import { ALICE, BOB, ChatworkEmulator, ROOM } from '../tools/emulator/index.js'
import { expectNoStackTrace, failure, runOn, useEmulator } from './support/e2e.js'
import { table } from './support/table.js'

const server = useEmulator()
const run = runOn(server)

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

  table([
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
