/**
 * End-to-end, table-driven: every hostile value in every field that someone outside the team
 * writes, through the bundle, against each way out: the log (read the way the runner reads it),
 * the summary (read as GFM and HTML), the outputs and the room. Each run asserts the same four
 * things: no runner command came from the value, the token is nowhere, the summary is whole, and
 * nothing was sent where the step refuses.
 */
import { describe, expect, it } from 'vitest'
import {
  ALICE,
  ChatworkEmulator,
  DEFAULT_TOKEN,
  ROOM,
  type EmulatorOptions
} from '../tools/emulator/index.js'
import type { RunResult } from '../tools/run-action.js'
import { runAgainst, useEmulator } from './support/e2e.js'
import { pullRequestWith } from './support/events.js'
import { readRunnerLog } from './support/runner-log.js'
import { expectWholeBlocks } from './support/summary-html.js'

const options: EmulatorOptions = { roomPostLimit: { max: 1000, windowMs: 10_000 } }
const server = useEmulator(options)

/** Every hostile value carries PWNED, so a command made of it is found by its data. */
const HOSTILE: Record<string, string> = {
  'runner commands': [
    'ok',
    '::error::PWNED',
    '::set-output name=ok::PWNED',
    '  ::add-mask::PWNED',
    '\r::warning::PWNED\r\n##[stop-commands]PWNED',
    '\t::debug::PWNED ##[error]PWNED'
  ].join('\n'),
  'stop-commands': '::stop-commands::PWNED\n::error::PWNED',
  'summary breakers': 'x\n\n# PWNED heading\n\n</pre></td></table><script>PWNED</script>\r\rend',
  'Chatwork notation': '[toall][To:2002][info][title]PWNED[/title]PWNED[/info][rp aid=2002 to=1-2]'
}

/** Commands that data can never legitimately become. */
const FORBIDDEN = new Set(['set-output', 'set-env', 'add-path', 'save-state', 'echo'])

/** No command of the log came from the hostile value; at most one error; the token is masked. */
function expectNoInjectedCommand(result: RunResult): void {
  const log = readRunnerLog(result.stdout, result.stderr)
  const context = result.stdout + result.stderr
  for (const command of log.commands) {
    expect(FORBIDDEN.has(command.name), `${command.line}\n${context}`).toBe(false)
    expect(command.data.startsWith('PWNED'), `${command.line}\n${context}`).toBe(false)
    if (command.name === 'add-mask') expect(command.data).not.toContain('PWNED')
    if (command.name === 'stop-commands') expect(command.data).toMatch(/^[0-9a-f-]{36}$/)
  }
  const errors = log.commands.filter(c => c.name === 'error')
  expect(errors.length, context).toBe(result.exitCode === 0 ? 0 : 1)
  expect(log.masks).toContain(DEFAULT_TOKEN)
}

/** The token appears only in its own add-mask line: not in the log, outputs, summary or room. */
function expectNoToken(result: RunResult, emulator: ChatworkEmulator): void {
  const log = result.stdout.replace(`::add-mask::${DEFAULT_TOKEN}`, '')
  expect(log).not.toContain(DEFAULT_TOKEN)
  expect(result.stderr).not.toContain(DEFAULT_TOKEN)
  expect(JSON.stringify(result.outputs)).not.toContain(DEFAULT_TOKEN)
  expect(result.summary).not.toContain(DEFAULT_TOKEN)
  for (const message of emulator.messages(ROOM)) expect(message.body).not.toContain(DEFAULT_TOKEN)
}

/** A stored message notifies nobody and opens no box that the action did not write itself. */
function expectInert(body: string): void {
  const { to, toAll } = ChatworkEmulator.mentions(body)
  expect(toAll).toBe(false)
  expect(to).toEqual([])
  expect(body).not.toMatch(/\[(info|title|rp )/)
}

function expectAll(result: RunResult, emulator: ChatworkEmulator): void {
  expectNoInjectedCommand(result)
  expectNoToken(result, emulator)
  if (result.summary) expectWholeBlocks(result.summary)
}

const values = Object.entries(HOSTILE)

describe.each(values)('%s', (_name, value) => {
  it('in a pull request title, through the default message', async () => {
    const event = pullRequestWith({ title: value })
    const result = await runAgainst(
      server(),
      {},
      { event, env: { GITHUB_EVENT_NAME: 'pull_request', RUNNER_DEBUG: '1' } }
    )
    expect(result.exitCode, result.stdout + result.stderr).toBe(0)
    expectAll(result, server())
    const [message] = server().messages(ROOM)
    expect(message?.body).toContain('PWNED')
    expectInert((message?.body ?? '').replace(/^\[info\]\[title\][^[]*\[\/title\]/, ''))
  })

  it('in a template value (a branch name)', async () => {
    const result = await runAgainst(
      server(),
      { message: 'Built {{ github.head_ref }}', title: 'Build {{ github.head_ref }}' },
      { env: { GITHUB_HEAD_REF: value, RUNNER_DEBUG: '1' } }
    )
    expect(result.exitCode, result.stdout + result.stderr).toBe(0)
    expectAll(result, server())
    const body = server().messages(ROOM)[0]?.body ?? ''
    expect(body).toContain('PWNED')
    expectInert(body.replace(/^\[info\]\[title\]/, '').replace(/\[\/title\]/, ''))
  })

  it('in the name of an uploaded file', async () => {
    // A file name holds anything but '/' and NUL.
    const name = value.replaceAll('/', '')
    const result = await runAgainst(
      server(),
      { file: name, message: 'the report' },
      { files: { [name]: 'content' }, env: { RUNNER_DEBUG: '1' } }
    )
    expect(result.exitCode, result.stdout + result.stderr).toBe(0)
    expectAll(result, server())
    expect(server().rooms.get(ROOM)?.files.at(-1)?.filename).toBe(name)
  })

  it('in a chat message that a gate reads', async () => {
    server().post(ROOM, ALICE, value)
    server().post(ROOM, ALICE, `/approve ${value}`)
    const result = await runAgainst(
      server(),
      { mode: 'fetch', match: '^/approve', 'from-account-ids': String(ALICE.account_id) },
      { env: { RUNNER_DEBUG: '1' } }
    )
    expect(result.exitCode, result.stdout + result.stderr).toBe(0)
    expectAll(result, server())
    expect(result.outputs['matched-message-body']).toContain('PWNED')
  })

  it("in a server's error answer", async () => {
    server().inject({
      times: 10,
      method: 'POST',
      fault: { kind: 'status', status: 400, body: JSON.stringify({ errors: [value] }) }
    })
    const result = await runAgainst(server(), { message: 'hello' }, { env: { RUNNER_DEBUG: '1' } })
    expect(result.exitCode).toBe(1)
    expectAll(result, server())
    expect(result.outputs.error).toContain('PWNED')
  })

  it('in an input value that the step refuses, before any request', async () => {
    const result = await runAgainst(server(), { 'room-id': value, message: 'hello' })
    expect(result.exitCode).toBe(1)
    expectAll(result, server())
    expect(server().requests).toEqual([])
  })
})
