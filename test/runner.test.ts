/**
 * src/runner.ts imports @actions/core's and @actions/github's modules by path (their packages
 * export only their index). Each adapted function is exercised here, so that a bump of either
 * package that moves or changes one fails in this file, by name.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as runner from '../src/runner.js'
import { parseOutputFile } from '../tools/run-action.js'

let dir: string
let stdout: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'runner-'))
  stdout = ''
  vi.spyOn(process.stdout, 'write').mockImplementation(chunk => {
    stdout += String(chunk)
    return true
  })
})
afterEach(async () => {
  vi.restoreAllMocks()
  vi.unstubAllEnvs()
  process.exitCode = undefined
  await rm(dir, { recursive: true, force: true })
})

describe('@actions/core, adapted', () => {
  it('getInput reads INPUT_* as the runner sets it, trimmed unless asked', () => {
    vi.stubEnv('INPUT_ROOM-ID', '  42 \n')
    expect(runner.getInput('room-id')).toBe('42')
    expect(runner.getInput('room-id', { trimWhitespace: false })).toBe('  42 \n')
    expect(runner.getInput('missing')).toBe('')
  })

  it('setSecret, info, warning, debug and setFailed write the runner commands, escaped', () => {
    runner.setSecret('s3cret\nline')
    runner.info('plain')
    runner.warning('careful: 100%')
    runner.debug('detail\r\n')
    runner.setFailed('broken')
    expect(stdout.split('\n')).toEqual([
      '::add-mask::s3cret%0Aline',
      'plain',
      '::warning::careful: 100%25',
      '::debug::detail%0D%0A',
      '::error::broken',
      ''
    ])
    expect(process.exitCode).toBe(1)
  })

  it('setOutput appends a delimited entry to GITHUB_OUTPUT', async () => {
    const file = path.join(dir, 'output')
    await writeFile(file, '')
    vi.stubEnv('GITHUB_OUTPUT', file)
    runner.setOutput('message-id', '1928374655918273645')
    runner.setOutput('body', 'two\nlines')
    expect(parseOutputFile(await readFile(file, 'utf8'))).toEqual({
      'message-id': '1928374655918273645',
      body: 'two\nlines'
    })
    expect(stdout).toBe('')
  })

  it('infoUntrusted wraps text in stop-commands with a fresh token', () => {
    runner.infoUntrusted('::error::x\n##[group]y')
    const [start, text, end] = stdout.split('\n')
    const token = /^::stop-commands::([0-9a-f-]{36})$/.exec(start ?? '')?.[1]
    expect(token).toBeDefined()
    expect(text).toBe('::error::x')
    expect(stdout).toContain('#\u200B#[group]y')
    expect(stdout.split('\n').at(-2)).toBe(`::${token}::`)
    expect(end).not.toBe(`::${token}::`)
  })

  it('summary writes to GITHUB_STEP_SUMMARY', async () => {
    const file = path.join(dir, 'summary')
    await writeFile(file, '')
    vi.stubEnv('GITHUB_STEP_SUMMARY', file)
    await runner.summary.addHeading('Hi', 3).addRaw('<b>x</b>', true).write()
    expect(await readFile(file, 'utf8')).toBe('<h3>Hi</h3>\n<b>x</b>\n')
    runner.summary.emptyBuffer()
  })
})

describe('@actions/github, adapted', () => {
  it('Context reads the GITHUB_* variables and the event payload', async () => {
    const event = path.join(dir, 'event.json')
    await writeFile(event, JSON.stringify({ pull_request: { number: 7 } }))
    vi.stubEnv('GITHUB_EVENT_PATH', event)
    vi.stubEnv('GITHUB_EVENT_NAME', 'pull_request')
    vi.stubEnv('GITHUB_SHA', 'abc')
    vi.stubEnv('GITHUB_RUN_ID', '42')
    const context = new runner.Context()
    expect(context).toMatchObject({
      eventName: 'pull_request',
      sha: 'abc',
      runId: 42,
      payload: { pull_request: { number: 7 } }
    })
  })
})
