/**
 * End-to-end: whatever hostile text reaches the log (a file name, a server's or a proxy's
 * answer, a chat message, an input value, a crash), the runner, as test/support/runner-log.ts
 * reads stdout and stderr, executes only the action's own commands: the token's add-mask, debug
 * lines, warnings and at most the one error. And a hostile `##[stop-commands]` printed before
 * that error does not swallow it.
 */
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ALICE, ROOM } from '../tools/emulator/index.js'
import { ConnectProxy } from '../tools/connect-proxy.js'
import { ROOT, runAction, type RunResult } from '../tools/run-action.js'
import { readRunnerLog } from './support/runner-log.js'
import { runAgainst, useEmulator } from './support/e2e.js'
import { table } from './support/table.js'

const server = useEmulator()

/** Every way the runner splits lines and finds commands, in one text. */
const HOSTILE = [
  'x',
  '::error::pwned',
  '::set-output name=ok::pwned',
  '  \t::add-mask::e',
  '##[stop-commands]',
  'mid-line ##[error]pwned\r::warning::pwned\r\n\u00a0::notice::pwned'
].join('\n')

/** A file name may hold anything but `/` and NUL. */
const HOSTILE_NAME = `report${HOSTILE}.txt`

interface Expected {
  exitCode: 0 | 1
  /** Masked values: the token, unless told otherwise. */
  masks?: string[]
}

/** Only the action's own commands, in the runner's reading of stdout and stderr. */
function expectOnlyOwnCommands(result: RunResult, expected: Expected): void {
  const context = result.stdout + result.stderr
  expect(result.exitCode, context).toBe(expected.exitCode)
  const log = readRunnerLog(result.stdout, result.stderr)
  expect(
    log.commands.filter(c => c.stream === 'stderr'),
    context
  ).toEqual([])
  let open: string | undefined
  for (const command of log.commands) {
    if (open !== undefined) {
      // Inside the action's own stop-commands block, only its resume token is read.
      expect(command.name).toBe(open)
      open = undefined
    } else if (command.name === 'stop-commands') {
      expect(command.data, context).toMatch(/^[0-9a-f-]{36}$/)
      open = command.data
    } else {
      expect(['add-mask', 'debug', 'warning', 'error'], context).toContain(command.name)
      expect(command.form).toBe('::')
    }
  }
  expect(open, 'every stop-commands is resumed').toBeUndefined()
  const errors = log.commands.filter(c => c.name === 'error')
  expect(errors.length, context).toBe(expected.exitCode)
  expect(log.masks).toEqual(expected.masks ?? ['emulator-token-0123456789abcdef'])
  expect(result.outputs.ok ?? '').not.toContain('pwned')
  expect(Object.keys(result.outputs).every(name => /^[a-z-]+$/.test(name))).toBe(true)
}

/** The hostile text still reads as it was (with zero-width spaces only), also when it failed. */
function expectShown(result: RunResult, text: string): void {
  const flat = result.stdout.replaceAll('\u200B', '')
  expect(flat.includes(text) || flat.includes(JSON.stringify(text).slice(1, -1))).toBe(true)
}

describe('hostile text in the log', () => {
  it('a file name with line breaks and commands, uploaded and reported', async () => {
    const result = await runAgainst(
      server(),
      { file: HOSTILE_NAME, message: 'the report' },
      { files: { [HOSTILE_NAME]: 'content' } }
    )
    expectOnlyOwnCommands(result, { exitCode: 0 })
    expectShown(result, `Uploaded ${HOSTILE_NAME} to room ${ROOM}`)
    expect(server().rooms.get(ROOM)?.files.at(-1)?.filename).toBe(HOSTILE_NAME)
  })

  it('a file name in a dry run and in a failed upload', async () => {
    const options = { files: { [HOSTILE_NAME]: 'content' } }
    const dry = await runAgainst(server(), { file: HOSTILE_NAME, 'dry-run': 'true' }, options)
    expectOnlyOwnCommands(dry, { exitCode: 0 })
    server().inject({
      times: 1,
      method: 'POST',
      fault: { kind: 'status', status: 400, body: JSON.stringify({ errors: [HOSTILE] }) }
    })
    const failed = await runAgainst(server(), { file: HOSTILE_NAME }, options)
    expectOnlyOwnCommands(failed, { exitCode: 1 })
  })

  table([
    ['JSON errors', 'application/json', JSON.stringify({ errors: [HOSTILE, '##[stop-commands]'] })],
    ['an HTML page', 'text/html', `<html><h1>502 ${HOSTILE}</h1></html>`],
    ['plain text', 'text/plain', HOSTILE]
  ])('a server answering %s in retry lines, then the error', async (_, contentType, body) => {
    server().inject({
      times: 2,
      method: 'POST',
      fault: { kind: 'status', status: 502, contentType, body }
    })
    const result = await runAgainst(server(), { message: 'hi', retries: '1' })
    expectOnlyOwnCommands(result, { exitCode: 1 })
    expect(result.stdout).toMatch(/Retry 1 of 1 in/)
    expect(result.stdout).not.toContain('##[')
  })

  it("a proxy's own page, through the proxy input", async () => {
    const proxy = await new ConnectProxy(Number(new URL(server().url).port)).start()
    try {
      const page = `<h1>Bad Gateway</h1>\n${HOSTILE}`
      proxy.answer = `HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/html\r\nContent-Length: ${Buffer.byteLength(page)}\r\n\r\n${page}`
      const result = await runAgainst(server(), {
        message: 'hi',
        retries: '1',
        proxy: proxy.url()
      })
      expectOnlyOwnCommands(result, { exitCode: 1 })
      expect(result.stdout).toMatch(/502 Bad Gateway.*Retry 1 of 1/)
      expect(proxy.tunnels.length).toBeGreaterThanOrEqual(2)
    } finally {
      await proxy.stop()
    }
  })

  it('chat messages and names in a gate, and a pattern with ##[', async () => {
    server().post(ROOM, { ...ALICE, name: `Mal${HOSTILE}` }, `nope${HOSTILE}`)
    const result = await runAgainst(server(), { mode: 'fetch', match: '^/approve|##[error]' })
    expectOnlyOwnCommands(result, { exitCode: 0 })
    expect(result.stdout).toMatch(/does not match/)
    expect(result.outputs.decision).toBe('none')
  })

  table([
    ['room-id', { 'room-id': `1${HOSTILE}` }],
    ['match', { mode: 'fetch', match: `(${HOSTILE}` }],
    ['time-zone', { mode: 'task', message: 'x', 'task-to': '1', 'time-zone': HOSTILE }],
    ['message-file', { 'message-file': HOSTILE_NAME }]
  ])('an input value quoted in an error: %s', async (_, inputs) => {
    const result = await runAgainst(server(), inputs)
    expectOnlyOwnCommands(result, { exitCode: 1 })
    expect(server().requests.filter(r => r.method !== 'GET')).toEqual([])
  })

  it.each(['throw', 'reject', 'timer'])(
    'a crash (%s) is the one error, and nothing reaches stderr',
    async crash => {
      const result = await runAction({
        inputs: {},
        entry: path.join(ROOT, 'test/fixtures/log-guard/crash-entry.ts'),
        env: { CRASH: crash }
      })
      expectOnlyOwnCommands(result, { exitCode: 1, masks: [] })
      expect(result.stderr).toBe('')
      expect(readRunnerLog(result.stdout).commands[0]?.data).toMatch(
        /^The action stopped unexpectedly: boom\n::error::pwned/
      )
    }
  )
})
