import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ChatworkClient } from '../src/chatwork/client.js'
import type { ChatworkMessage } from '../src/chatwork/answers.js'
import type { Clock } from '../src/clock.js'
import { InputError } from '../src/errors.js'
import {
  anchored,
  criteria,
  describeCriteria,
  pollDelay,
  tally
} from '../src/modes/gate/criteria.js'
import { anchorOf } from '../src/modes/gate/window.js'
import type { FetchSettings, Gate } from '../src/inputs/settings.js'
import { fetchMessages } from '../src/modes/fetch.js'
import { readSpoken } from '../src/chatwork/notation.js'
import type { Log } from '../src/modes/result.js'
import { compilePattern, MAX_MATCH_TEXT, type Pattern } from '../src/inputs/pattern.js'
import {
  ALICE,
  BOB,
  BOT,
  CAROL,
  ChatworkEmulator,
  DEFAULT_TOKEN,
  ROOM
} from '../tools/emulator/index.js'

/** An event with no text, so that nothing counts as pasted (see test/injection.test.ts). */
const NO_EVENT = {
  event: {},
  event_name: 'push',
  ref: '',
  ref_name: '',
  head_ref: '',
  base_ref: ''
}

const pattern = async (value: string): Promise<Pattern> => {
  const compiled = await compilePattern('match', value, NO_EVENT)
  if (!compiled) throw new Error('no pattern')
  return compiled
}

const gate = (overrides: Partial<Gate> = {}): Gate => ({
  match: undefined,
  rejectMatch: undefined,
  fromAccountIds: [],
  initiators: [],
  fromRoles: [],
  afterMessageId: '',
  repliesTo: '',
  minApprovals: 1,
  waitMs: 0,
  pollMs: 10_000,
  failOnNoMatch: false,
  failOnReject: true,
  ...overrides
})

const message = (id: string, account: number, body: string): ChatworkMessage => ({
  message_id: id,
  account: { account_id: account, name: `A${account}`, avatar_image_url: '' },
  body,
  send_time: 1,
  update_time: 0
})

describe('what a message says', () => {
  it.each([
    ['[rp aid=1001 to=335028121-1928374655918273645]Deploy Bot\n/approve', '/approve'],
    ['[rp aid=1001 to=335028121-1928374655918273645]Deploy Bot\r\n/approve', '/approve'],
    ['[To:1001]Deploy Bot\n/approve', '/approve'],
    ['[toall]\n[To:2]Alice [To:3]Bob\n  /approve  ', '/approve'],
    ['[qt][qtmeta aid=1001 time=1700000000]Reply /approve[/qt]\nnot yet', 'not yet'],
    ['[qt]a[qt]/approve[/qt]b[/qt]/reject', '/reject'],
    ['[qt]never closed /approve', '[qt]never closed /approve'],
    ['/approve [To:1]Deploy Bot', '/approve [To:1]Deploy Bot']
  ])('%j says %j', (body, text) => {
    expect(readSpoken(body).text).toBe(text)
  })

  it('names the messages a reply answers', () => {
    expect(readSpoken('[rp aid=1 to=5-77]A\n[rp aid=2 to=5-78]B\nok').repliesTo).toEqual([
      '5-77',
      '5-78'
    ])
    expect(readSpoken('[qt][rp aid=1 to=5-77]A[/qt]ok').repliesTo).toEqual([])
  })
})

describe('patterns', () => {
  it('reads a pattern or a /pattern/flags literal', async () => {
    expect((await pattern('^/approve\\b')).test('/approve now')).toBe(true)
    expect((await pattern('^/approve\\b')).test('/approved')).toBe(false)
    expect((await pattern('/lgtm/i')).test('LGTM!')).toBe(true)
    expect((await pattern('/lgtm/gu')).test('lgtm')).toBe(true)
    expect(await compilePattern('match', '', NO_EVENT)).toBeUndefined()
  })

  it.each([
    ['(unclosed', /missing closing \)/],
    ['/x/q', /unknown flag 'q'/],
    ['^(?!no)', /Lookarounds .* are not supported/],
    ['(a)\\1', /backreferences such as \\1 are not supported/]
  ])('refuses %j, naming the input', async (value, detail) => {
    const error = await compilePattern('reject-match', value, NO_EVENT).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InputError)
    expect((error as Error).message).toMatch(/^Input 'reject-match' is '/)
    expect((error as Error).message).toMatch(detail)
  })

  it('matches the hostile patterns of the security review in linear time', async () => {
    const started = performance.now()
    for (const source of ['^(a+)+$', '/^(a+)+$/i', '^(a|a)+$', '(x+x+)+y']) {
      const p = await pattern(source)
      expect(p.test(`${'a'.repeat(33)}!`)).toBe(false)
      // 10 kB: only the first 4,000 characters are tested, in linear time either way.
      p.test(`${'a'.repeat(10_000)}!`)
      expect(p.test('x'.repeat(10_000))).toBe(false)
    }
    expect(performance.now() - started).toBeLessThan(2_000)
  })

  it(`tests only the first ${MAX_MATCH_TEXT} characters`, async () => {
    const p = await pattern('approve')
    expect(p.test(`${' '.repeat(MAX_MATCH_TEXT)}approve`)).toBe(false)
    expect(p.test(`${' '.repeat(MAX_MATCH_TEXT - 7)}approve`)).toBe(true)
  })
})

describe('tally', () => {
  it('counts what comes after the anchor in the list, whatever the ids say', () => {
    const c = criteria(gate({ afterMessageId: '50' }), '1', undefined, undefined)
    // The ids of the messages after the anchor are smaller, the one before it is larger.
    const listed = [message('90', 2, 'stale'), message('50', 1, 'question'), message('10', 3, 'x')]
    const result = tally(listed, c)
    expect(result.approvers).toEqual(['3'])
    expect(result.counted.map(a => a.message.message_id)).toEqual(['10'])
  })

  it('an anchor the list does not hold is placed by its time; its own second does not count', async () => {
    const base = criteria(gate({ match: await pattern('^ok') }), '1', undefined, undefined)
    const c = { ...base, after: { id: '50', sendTime: 100 } }
    const at = (id: string, account: number, sendTime: number) => ({
      ...message(id, account, 'ok'),
      send_time: sendTime
    })
    const result = tally([at('90', 2, 99), at('10', 3, 100), at('20', 4, 101)], c)
    expect(result.approvers).toEqual(['4'])
    expect(result.uncounted.map(a => [a.message.message_id, a.reason])).toEqual([
      ['90', 'posted before the anchor'],
      ['10', 'posted in the same second as the anchor']
    ])
    // Its time unknown: nothing can be placed after it, so nothing counts.
    const unknown = { ...base, after: { id: '50', sendTime: undefined } }
    expect(tally([at('20', 4, 101)], unknown).approvers).toEqual([])
  })

  it('counts distinct approvers up to the quorum, oldest first', async () => {
    const c = criteria(
      gate({ match: await pattern('^/approve'), minApprovals: 2 }),
      '9',
      1,
      undefined
    )
    const one = tally([message('1', 2, '/approve'), message('2', 2, '/approve')], c)
    expect(one).toMatchObject({ decided: undefined, approvers: ['2'] })
    const two = tally(
      [message('1', 3, '/approve'), message('2', 2, 'hm'), message('3', 2, '/approve')],
      c
    )
    expect(two.decided?.decision).toBe('approved')
    expect(two.decided?.by.message.message_id).toBe('3')
    expect(two.approvers).toEqual(['3', '2'])
    expect(two.unmatched.map(a => a.text)).toEqual(['hm'])
  })

  it('ends at a rejection, testing reject-match before match', async () => {
    const c = criteria(
      gate({ match: await pattern('^/'), rejectMatch: await pattern('^/reject'), minApprovals: 2 }),
      '9',
      1,
      undefined
    )
    const result = tally(
      [message('1', 2, '/approve'), message('2', 3, '/reject no'), message('3', 4, '/approve')],
      c
    )
    expect(result.decided?.decision).toBe('rejected')
    expect(result.decided?.by.text).toBe('/reject no')
    expect(result.approvers).toEqual(['2'])
  })

  it('counts only replies to the question, from allowed roles, never its own', async () => {
    const c = criteria(
      gate({ match: await pattern('^/approve'), repliesTo: '77' }),
      '9',
      1,
      new Set(['2', '1'])
    )
    const body = (to: string) => `[rp aid=1 to=${to}]Bot\n/approve`
    expect(tally([message('1', 2, body('9-76'))], c).approvers).toEqual([])
    expect(tally([message('1', 3, body('9-77'))], c).approvers).toEqual([])
    expect(tally([message('1', 1, body('9-77'))], c).approvers).toEqual([])
    expect(tally([message('1', 2, body('9-77'))], c).approvers).toEqual(['2'])
  })
})

describe('the anchor', () => {
  it('is the last message of the first look in posting order, not the largest id, for a gate that waits', () => {
    const looked = [
      message('1928374655918273649', 2, 'a'),
      message('1928374655918273650', 2, 'b'),
      message('999999999999999999', 2, 'c')
    ]
    const waiting = gate({ waitMs: 60_000 })
    const anchor = anchorOf(waiting, looked)
    expect(anchor).toEqual({ kind: 'first-look', id: '999999999999999999', sendTime: 1 })
    const c = anchored(criteria(waiting, '9', 1, undefined), anchor)
    expect(tally(looked, c).approvers).toEqual([])
    // A later look: what the list has after the anchor counts, a smaller id too.
    const later = [...looked, message('1', 3, 'd')]
    expect(tally(later, c).approvers).toEqual(['3'])
    // Nothing at the first look: every later message is newer.
    const empty = anchored(criteria(waiting, '9', 1, undefined), anchorOf(waiting, []))
    expect(tally([message('1', 2, 'e')], empty).approvers).toEqual(['2'])
  })

  it('is the input that names one, and none for a gate that looks once', () => {
    expect(anchorOf(gate({ waitMs: 1, afterMessageId: '5', repliesTo: '7' }), [])).toEqual({
      kind: 'input',
      input: 'after-message-id',
      id: '5'
    })
    expect(anchorOf(gate({ waitMs: 1, repliesTo: '7' }), [])).toMatchObject({ input: 'replies-to' })
    expect(anchorOf(gate(), [message('3', 2, 'x')])).toEqual({ kind: 'none' })
  })
})

describe('pollDelay', () => {
  const now = 1_700_000_000_000
  it('is the poll interval while the window has room', () => {
    expect(pollDelay(10_000, { quota: 300, remaining: 290, reset: now / 1000 + 290 }, now)).toBe(
      10_000
    )
    expect(pollDelay(10_000, undefined, now)).toBe(10_000)
  })

  it('spreads the requests left, less a tenth for other steps, until the reset', () => {
    // 40 left, 30 kept for others: 10 requests over 200 s.
    expect(pollDelay(10_000, { quota: 300, remaining: 40, reset: now / 1000 + 200 }, now)).toBe(
      20_000
    )
  })

  it('waits for the reset when only the reserve is left', () => {
    expect(pollDelay(10_000, { quota: 300, remaining: 30, reset: now / 1000 + 100 }, now)).toBe(
      101_000
    )
  })
})

describe('describeCriteria', () => {
  it('says what the step waits for', async () => {
    expect(
      describeCriteria(
        gate({ match: await pattern('^/approve'), afterMessageId: '5', repliesTo: '7' })
      )
    ).toBe(
      "a message matching ^/approve not from the token's own account replying to message 7 newer than message 5"
    )
    expect(describeCriteria(gate({ fromAccountIds: ['1', '2'], minApprovals: 2 }))).toBe(
      '2 approvals from different accounts from accounts 1, 2'
    )
  })
})

/** The waiting loop, with a fake clock: virtual minutes pass in milliseconds. */
describe('waiting, on a fake clock', () => {
  let emulator: ChatworkEmulator
  beforeAll(async () => {
    emulator = await new ChatworkEmulator().start()
  })
  afterAll(() => emulator.stop())
  beforeEach(() => emulator.reset())

  /** A log that keeps its lines, instead of printing runner commands. */
  function recordingLog(): { log: Log; lines: string[] } {
    const lines: string[] = []
    const keep = (line: string) => void lines.push(line)
    return { lines, log: { info: keep, warning: keep, debug: keep, infoUntrusted: keep } }
  }

  /**
   * A clock that starts at the real time (the emulator's rate-limit reset is real) but moves
   * only when slept; each event runs once when its time (ms after the start) is due.
   */
  function fakeClock(events: [number, () => unknown][]): Clock & {
    slept: number[]
    elapsed: () => number
  } {
    const start = Date.now()
    let elapsed = 0
    const pending = [...events]
    const slept: number[] = []
    return {
      slept,
      elapsed: () => elapsed,
      now: () => start + elapsed,
      sleep: ms => {
        slept.push(ms)
        elapsed += ms
        while (pending[0] && pending[0][0] <= elapsed) pending.shift()?.[1]()
        return Promise.resolve()
      }
    }
  }

  function settingsFor(g: Partial<Gate>): FetchSettings {
    return {
      mode: 'fetch',
      token: DEFAULT_TOKEN,
      apiBaseUrl: emulator.url,
      timeoutMs: 5_000,
      retries: 0,
      failOnError: true,
      dryRun: false,
      proxy: undefined,
      roomId: String(ROOM),
      unreadOnly: false,
      count: 100,
      gate: gate(g)
    }
  }

  const client = () =>
    new ChatworkClient({
      baseUrl: emulator.url,
      token: DEFAULT_TOKEN,
      timeoutMs: 5_000,
      policy: { retries: 0 },
      log: () => {}
    })

  it('waits for two admins, ignoring a member and itself, and reports at most once a minute', async () => {
    emulator.setRole(ROOM, BOB.account_id, 'admin')
    const question = emulator.post(ROOM, BOT, 'Deploy? Reply /approve')
    const answer = (who: typeof ALICE, text: string) => () =>
      emulator.reply(ROOM, who, question.message_id, text)
    const clock = fakeClock([
      [30_000, answer(ALICE, '/approve')],
      [90_000, answer(BOT, '/approve')],
      [150_000, answer(CAROL, '/approve')],
      [200_000, answer(CAROL, '/approve, really')],
      [260_000, answer(BOB, '/approve')]
    ])
    const settings = settingsFor({
      match: await pattern('^/approve'),
      fromRoles: ['admin'],
      repliesTo: question.message_id,
      minApprovals: 2,
      waitMs: 600_000,
      pollMs: 10_000
    })
    const { log, lines } = recordingLog()
    const result = await fetchMessages(settings, { client: client(), clock, log }).finally(() =>
      emulator.setRole(ROOM, BOB.account_id, 'member')
    )
    expect(result.outputs).toMatchObject({
      decision: 'approved',
      matched: 'true',
      approvers: JSON.stringify([String(CAROL.account_id), String(BOB.account_id)]),
      'matched-account-id': String(BOB.account_id),
      'matched-message-text': '/approve'
    })
    expect(clock.elapsed()).toBe(260_000)
    expect(clock.slept.every(ms => ms === 10_000)).toBe(true)
    // One /me, one /members, then one look per interval.
    expect(emulator.requestsTo('GET', '/me')).toHaveLength(1)
    expect(emulator.requestsTo('GET', `/rooms/${ROOM}/members`)).toHaveLength(1)
    expect(emulator.requestsTo('GET', `/rooms/${ROOM}/messages`)).toHaveLength(27)
    expect(lines.filter(l => l.startsWith('Still waiting'))).toHaveLength(4)
  })

  it('times out after the virtual wait, having looked once per interval', async () => {
    const { log, lines } = recordingLog()
    const question = emulator.post(ROOM, BOT, 'Deploy?')
    const clock = fakeClock([
      [20_000, () => emulator.reply(ROOM, ALICE, question.message_id, 'hmm, not sure')]
    ])
    const result = await fetchMessages(
      settingsFor({
        match: await pattern('^/approve'),
        repliesTo: question.message_id,
        waitMs: 60_000,
        pollMs: 10_000
      }),
      { client: client(), clock, log }
    )
    const text = lines.join('\n')
    expect(result.outputs).toMatchObject({
      decision: 'timed-out',
      matched: 'false',
      approvers: '[]'
    })
    expect(clock.elapsed()).toBe(60_000)
    expect(emulator.requestsTo('GET', `/rooms/${ROOM}/messages`)).toHaveLength(7)
    expect(text).toContain('does not match ^/approve: it says "hmm, not sure"')
    expect(text).toContain('1 message(s) from allowed accounts did not match')
  })
})
