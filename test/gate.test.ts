import { describe, expect, it } from 'vitest'
import type { ChatworkMessage } from '../src/chatwork/types.js'
import { InputError } from '../src/errors.js'
import { criteria, describeCriteria, passes, pollDelay } from '../src/gate.js'
import { parseMatch, type Gate } from '../src/inputs.js'

const gate = (overrides: Partial<Gate> = {}): Gate => ({
  match: undefined,
  fromAccountIds: [],
  afterMessageId: '',
  waitMs: 0,
  pollMs: 10_000,
  failOnNoMatch: false,
  ...overrides
})

const message = (id: string, account: number, body: string): ChatworkMessage => ({
  message_id: id,
  account: { account_id: account, name: 'x', avatar_image_url: '' },
  body,
  send_time: 1,
  update_time: 0
})

describe('passes', () => {
  it('compares ids as big integers, not as numbers or strings', () => {
    const id = '1928374655918273645'
    const c = criteria(gate({ afterMessageId: '1928374655918273644' }), undefined)
    // As Numbers the two ids are equal; as strings '999…' (18 digits) would sort after them.
    expect(Number(id)).toBe(Number('1928374655918273644'))
    expect(passes(message(id, 1, 'x'), c)).toBe(true)
    expect(passes(message('1928374655918273644', 1, 'x'), c)).toBe(false)
    expect(
      passes(
        message(id, 1, 'x'),
        criteria(gate({ afterMessageId: '999999999999999999' }), undefined)
      )
    ).toBe(true)
  })

  it('filters by account, excludes the own account and tests the expression', () => {
    const c = criteria(gate({ match: /^\/approve\b/i, fromAccountIds: ['2002'] }), undefined)
    expect(passes(message('1', 2002, '/APPROVE please'), c)).toBe(true)
    expect(passes(message('1', 3003, '/approve'), c)).toBe(false)
    expect(passes(message('1', 2002, 'I do not /approve'), c)).toBe(false)
    const own = criteria(gate({ match: /approve/ }), 1001)
    expect(passes(message('1', 1001, 'Reply /approve'), own)).toBe(false)
    expect(passes(message('1', 2002, '/approve'), own)).toBe(true)
  })

  it('gives the same answer twice for a global expression', () => {
    const c = criteria(gate({ match: /ok/g }), undefined)
    expect(passes(message('1', 1, 'ok'), c)).toBe(true)
    expect(passes(message('2', 1, 'ok'), c)).toBe(true)
  })
})

describe('parseMatch', () => {
  it('reads a pattern or a /pattern/flags literal', () => {
    expect(parseMatch('^/approve')?.source).toBe('^\\/approve')
    expect(parseMatch('/lgtm/i')?.flags).toBe('i')
    expect(parseMatch('')).toBeUndefined()
  })

  it('refuses an invalid expression, naming match', () => {
    expect(() => parseMatch('(unclosed')).toThrow(InputError)
    expect(() => parseMatch('(unclosed')).toThrow(
      /^Input 'match' is '\(unclosed', which is not a valid regular expression \(Invalid regular expression: /
    )
    expect(() => parseMatch('/x/q')).toThrow(/Invalid flags/)
  })
})

describe('pollDelay', () => {
  const now = 1_700_000_000_000
  it('is the poll interval while the window has room', () => {
    expect(pollDelay(10_000, { limit: 300, remaining: 290, reset: now / 1000 + 290 }, now)).toBe(
      10_000
    )
    expect(pollDelay(10_000, undefined, now)).toBe(10_000)
  })

  it('spreads the requests left, less a tenth for other steps, until the reset', () => {
    // 40 left, 30 kept for others: 10 requests over 200 s.
    expect(pollDelay(10_000, { limit: 300, remaining: 40, reset: now / 1000 + 200 }, now)).toBe(
      20_000
    )
  })

  it('waits for the reset when only the reserve is left', () => {
    expect(pollDelay(10_000, { limit: 300, remaining: 30, reset: now / 1000 + 100 }, now)).toBe(
      101_000
    )
  })
})

describe('describeCriteria', () => {
  it('says what the step waits for', () => {
    expect(describeCriteria(gate({ match: /^\/approve/, afterMessageId: '5' }))).toBe(
      "a message matching /^\\/approve/ from anyone but the token's own account newer than message 5"
    )
    expect(describeCriteria(gate({ fromAccountIds: ['1', '2'] }))).toBe(
      'a message from accounts 1, 2'
    )
  })
})
