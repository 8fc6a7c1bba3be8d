/** The small pure parsers, tested directly: each names its input, quotes the value, says what is expected. */
import { describe, expect, it } from 'vitest'
import {
  parseAccountIds,
  parseBaseUrl,
  parseBoolean,
  parseInteger,
  parseMessageId,
  parseOptionalMessageId,
  parseProxy,
  parseRoles
} from '../src/inputs/parse.js'
import { parseMode, parseRoomIds } from '../src/inputs/modes.js'

const fails = (f: () => unknown) => {
  try {
    f()
  } catch (error) {
    return (error as Error).message
  }
  throw new Error('expected an error')
}

describe('parsers', () => {
  it('mode', () => {
    expect(parseMode(' FETCH ')).toBe('fetch')
    expect(fails(() => parseMode('post'))).toBe(
      "Input 'mode' is 'post'; expected one of: send, fetch, update, delete, task, task-done, api, ask."
    )
  })

  it('room ids: one, several for send, a URL pasted by mistake', () => {
    expect(parseRoomIds('1, 2\n1', 'send')).toEqual(['1', '2'])
    expect(fails(() => parseRoomIds('1,2', 'fetch'))).toContain(
      "mode 'fetch' takes exactly one room"
    )
    expect(fails(() => parseRoomIds('https://www.chatwork.com/#!rid335028121', 'send'))).toContain(
      "i.e. '335028121'"
    )
  })

  it('account ids, message ids, roles', () => {
    expect(parseAccountIds('to', '10\n20, 10')).toEqual(['10', '20'])
    expect(fails(() => parseAccountIds('to', 'alice'))).toContain("Input 'to' has 'alice'")
    expect(parseMessageId(' 12 ', 'delete')).toBe('12')
    expect(fails(() => parseMessageId('', 'update'))).toContain("required for mode 'update'")
    expect(parseOptionalMessageId('replies-to', '')).toBe('')
    expect(fails(() => parseOptionalMessageId('replies-to', '1'.repeat(21)))).toContain(
      "Input 'replies-to'"
    )
    expect(parseRoles('Admin, member\nadmin')).toEqual(['admin', 'member'])
  })

  it('booleans, integers, URLs', () => {
    expect(parseBoolean('x', ' True ')).toBe(true)
    expect(fails(() => parseBoolean('x', 'yes'))).toBe(
      "Input 'x' is 'yes'; expected 'true' or 'false'."
    )
    expect(parseInteger('n', ' 7 ', 1, 9)).toBe(7)
    expect(fails(() => parseInteger('n', '1e3', 1, 9))).toContain(
      'expected a whole number from 1 to 9'
    )
    expect(parseBaseUrl('https://api.chatwork.com/v2/')).toBe('https://api.chatwork.com/v2')
    expect(fails(() => parseBaseUrl('http://example.com/v2'))).toContain('expected an https:// URL')
  })

  it('proxy: http(s) URLs with credentials; the password never in an error', () => {
    expect(parseProxy('')).toBeUndefined()
    expect(parseProxy('http://u:p@proxy:3128')?.host).toBe('proxy:3128')
    const message = fails(() => parseProxy('ftp://u:secret@proxy'))
    expect(message).toContain("'ftp://u:***@proxy'")
    expect(message).not.toContain('secret')
  })
})
