/**
 * src/log.ts, the one way out to the log: whatever a message holds, the runner (as
 * test/support/runner-log.ts reads it) finds in it only the command the action meant.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as log from '../src/log.js'
import { readRunnerLog } from './support/runner-log.js'

const HOSTILE = [
  'a\n::error::pwned',
  'b\r::set-output name=x::y',
  'c\r\n   ::warning::spaced',
  '\t\u00a0::notice::unicode space',
  '::stop-commands::abcdefgh',
  'mid ##[stop-commands]',
  '##[error]legacy ##[group]twice',
  '::add-mask::e'
].join('\n')

let stdout: string
beforeEach(() => {
  stdout = ''
  vi.spyOn(process.stdout, 'write').mockImplementation(chunk => {
    stdout += String(chunk)
    return true
  })
})
afterEach(() => {
  vi.restoreAllMocks()
  process.exitCode = undefined
})

describe('the log module', () => {
  it('info: no line of any message is a command, and it reads the same', () => {
    log.info(`Uploaded ${HOSTILE} to room 1.`)
    expect(readRunnerLog(stdout).commands).toEqual([])
    expect(stdout.replaceAll('\u200B', '')).toBe(`Uploaded ${HOSTILE} to room 1.\n`)
  })

  it.each([
    ['debug', log.debug],
    ['warning', log.warning],
    ['notice', log.notice],
    ['error', log.setFailed]
  ])('%s: one command, with the hostile text as its data only', (name, write) => {
    write(HOSTILE)
    const { commands } = readRunnerLog(stdout)
    expect(commands.map(c => c.name)).toEqual([name])
    expect(commands[0]?.data.replaceAll('\u200B', '')).toBe(HOSTILE)
    expect(commands[0]?.data).not.toContain('##[')
  })

  it('infoUntrusted: the text verbatim inside stop-commands, and later commands still count', () => {
    log.infoUntrusted(HOSTILE)
    log.setFailed('the real one')
    const { commands, shown } = readRunnerLog(stdout)
    expect(commands.map(c => c.name)).toEqual([
      'stop-commands',
      commands[0]?.data.toLowerCase(),
      'error'
    ])
    expect(shown).toContain('a')
    expect(shown).toContain('::error::pwned')
  })

  it('setSecret masks the value exactly, whatever it holds', () => {
    log.setSecret('p@ss ##[x]\n::y')
    expect(readRunnerLog(stdout).masks).toEqual(['p@ss ##[x]\n::y'])
  })
})
