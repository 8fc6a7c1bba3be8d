/**
 * End-to-end, the bundled action against the emulator: `dry-run`: renders, checks and prints the
 * message and the requests, and sends nothing.
 */
import { describe, expect, it } from 'vitest'
import { DEFAULT_TOKEN, OPS_ROOM, ROOM } from '../tools/emulator/index.js'
import { failure, ok, runOn, useEmulator } from './support/e2e.js'
import { table } from './support/table.js'

const server = useEmulator()
const run = runOn(server)

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

  table([
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

  it('lists the look-ups a gate or a question sends with its first look, as the real run does', async () => {
    const requestLines = (stdout: string) =>
      stdout
        .split('\n')
        .filter(line => /^(GET|POST|PUT|DELETE) http/.test(line))
        .map(line => line.replace(server().url, 'URL'))
    const gate = ok(await run({ mode: 'fetch', match: '^/approve', 'dry-run': 'true' }))
    expect(requestLines(gate.stdout)).toEqual([
      `GET URL/rooms/${ROOM}/messages?force=1`,
      'GET URL/me',
      `GET URL/rooms/${ROOM}/members`
    ])
    const roles = ok(
      await run({
        mode: 'fetch',
        'from-roles': 'admin',
        'from-account-ids': '2002',
        'dry-run': 'true'
      })
    )
    expect(requestLines(roles.stdout)).toEqual([
      `GET URL/rooms/${ROOM}/messages?force=1`,
      `GET URL/rooms/${ROOM}/members`
    ])
    const question = ok(await run({ mode: 'ask', message: 'Deploy?', 'dry-run': 'true' }))
    expect(requestLines(question.stdout)).toEqual([
      `POST URL/rooms/${ROOM}/messages`,
      `GET URL/rooms/${ROOM}/messages?force=1`,
      'GET URL/me',
      `GET URL/rooms/${ROOM}/members`
    ])
    expect(server().requests).toHaveLength(0)
    // The real gate that looks once sends the same requests (in any order: they go together).
    ok(await run({ mode: 'fetch', match: '^/approve' }))
    const sent = server().requests.map(r => {
      const query = r.query.toString()
      return `${r.method} URL${r.path.replace(/^\/v2/, '')}${query ? `?${query}` : ''}`
    })
    expect(sent.sort()).toEqual(requestLines(gate.stdout).sort())
  })

  it('still refuses a bad template', async () => {
    const result = await run({ message: '{{ x | nope }}', 'dry-run': 'true' })
    expect(failure(result)).toContain("Input 'message' is not a valid template")
  })
})
