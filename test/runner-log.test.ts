/**
 * The runner-like log reader of test/support/runner-log.ts, itself: the log-guard tests trust
 * it to find every command the runner would execute, so each of the runner's rules is pinned.
 */
import { describe, expect, it } from 'vitest'
import { readRunnerLog, splitLines } from './support/runner-log.js'

const names = (stdout: string, stderr = '') =>
  readRunnerLog(stdout, stderr).commands.map(c => `${c.stream}:${c.name}:${c.data}`)

describe('the runner-like log reader', () => {
  it('ends a line at \\r, \\n and \\r\\n', () => {
    expect(splitLines('a\rb\nc\r\nd\n')).toEqual(['a', 'b', 'c', 'd'])
    expect(names('x\r::error::one\n::warning::two\r\n::debug::three')).toEqual([
      'stdout:error:one',
      'stdout:warning:two',
      'stdout:debug:three'
    ])
  })

  it('trims leading whitespace before it looks for ::, but not a zero-width space', () => {
    expect(names('   \t::error::spaced')).toEqual(['stdout:error:spaced'])
    expect(names('\u00a0\u2003::error::unicode spaces')).toEqual(['stdout:error:unicode spaces'])
    expect(names('\u200B::error::broken')).toEqual([])
    expect(names('text ::error::mid-line')).toEqual([])
  })

  it('finds ##[ anywhere in a line, and only registered names, in any case', () => {
    expect(names('some text ##[error]legacy')).toEqual(['stdout:error:legacy'])
    expect(names('#\u200B#[error]broken')).toEqual([])
    expect(names('::ERROR::upper\n::nonsense::x\n##[group]g')).toEqual([
      'stdout:error:upper',
      'stdout:group:g'
    ])
  })

  it('tries the :: form first: a ##[ inside its data is only data', () => {
    expect(names('::debug::says ##[error]x')).toEqual(['stdout:debug:says ##[error]x'])
  })

  it('reads properties and unescapes data as the runner does', () => {
    const [command] = readRunnerLog('::set-output name=a%3Ab,x=1::two%0Alines 100%25').commands
    expect(command).toMatchObject({
      name: 'set-output',
      properties: { name: 'a:b', x: '1' },
      data: 'two\nlines 100%'
    })
  })

  it('honours stop-commands until its token, in either form, and echoes nothing of it', () => {
    const log = readRunnerLog(
      [
        '::stop-commands::Tok3n',
        '::error::silenced',
        '##[warning]silenced too',
        '::tok3n::',
        '::error::after',
        '##[stop-commands]other',
        '::error::silenced again',
        '##[other]',
        '::debug::last'
      ].join('\n')
    )
    expect(log.commands.map(c => `${c.name}:${c.data}`)).toEqual([
      'stop-commands:Tok3n',
      'tok3n:',
      'error:after',
      'stop-commands:other',
      'other:',
      'debug:last'
    ])
    expect(log.shown).toEqual([
      '::error::silenced',
      '##[warning]silenced too',
      'after',
      '::error::silenced again',
      'last'
    ])
  })

  it('reads stderr too, on its own', () => {
    expect(names('::stop-commands::abcdefgh', '::error::from stderr')).toEqual([
      'stdout:stop-commands:abcdefgh',
      'stderr:error:from stderr'
    ])
  })

  it('collects add-mask values', () => {
    expect(readRunnerLog('::add-mask::s3cr%25t\nplain\n').masks).toEqual(['s3cr%t'])
  })
})
