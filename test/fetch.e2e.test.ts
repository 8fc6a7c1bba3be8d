/**
 * End-to-end, the bundled action against the emulator: `mode: fetch` without a gate: the latest
 * messages, `limit`, `unread-only`.
 */
import { describe, expect, it } from 'vitest'
import { ALICE, BOB, ROOM } from '../tools/emulator/index.js'
import { runOn, useEmulator } from './support/e2e.js'

const server = useEmulator()
const run = runOn(server)

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
