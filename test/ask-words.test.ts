/** ask's default words: the whole first line, normalised, against one list per decision. */
import { describe, expect, it } from 'vitest'
import { readFile } from 'node:fs/promises'
import {
  DEFAULT_WORDS,
  answerWord,
  defaultWordsMarkdown,
  withDefaultWords
} from '../src/modes/ask/words.js'
import { announcement } from '../src/modes/ask/announce.js'
import type { Gate } from '../src/inputs/settings.js'
import type { Tally } from '../src/modes/gate/criteria.js'

const gate: Gate = {
  match: undefined,
  rejectMatch: undefined,
  fromAccountIds: [],
  fromRoles: [],
  afterMessageId: '',
  repliesTo: '',
  minApprovals: 1,
  waitMs: 0,
  pollMs: 10_000,
  failOnNoMatch: false,
  failOnReject: true,
  initiators: []
}
const { match, rejectMatch } = withDefaultWords(gate)
const decide = (text: string) =>
  rejectMatch?.test(text) ? 'reject' : match?.test(text) ? 'approve' : 'neither'

describe('the default words', () => {
  const approve = DEFAULT_WORDS.approve.map(word => [word, 'approve'] as const)
  const reject = DEFAULT_WORDS.reject.map(word => [word, 'reject'] as const)
  it.each([...approve, ...reject])('%s → %s', (word, expected) => {
    expect(decide(word)).toBe(expected)
    expect(decide(word.toUpperCase())).toBe(expected)
    expect(decide(`/${word}`)).toBe(expected)
  })

  it.each([
    ['ok.', 'approve'],
    ['ok!', 'approve'],
    ['承認。', 'approve'],
    ['承認します！', 'approve'],
    ['LGTM!!', 'approve'],
    ['  yes  ', 'approve'],
    ['ＯＫ', 'approve'],
    ['／approve', 'approve'],
    ['ＬＧＴＭ！', 'approve'],
    ['ｎｏ', 'reject'],
    ['却下します。', 'reject'],
    ['/Reject.', 'reject'],
    ['approve\nsee you at the release', 'approve'],
    ['\r\n  ng\r\nsorry', 'reject'],
    ['No problem', 'neither'],
    ['disapprove', 'neither'],
    ['承認しません', 'neither'],
    ['ok then, ship it', 'neither'],
    ['approve please', 'neither'],
    ['//approve', 'neither'],
    ['nope', 'neither'],
    ['', 'neither'],
    ['?', 'neither']
  ])('%j → %s', (text, expected) => {
    expect(decide(text)).toBe(expected)
  })

  it('keeps a given pattern and replaces only its own list', () => {
    const given = { source: '^ship$', test: (text: string) => text === 'ship' }
    const mixed = withDefaultWords({ ...gate, match: given })
    expect(mixed.match).toBe(given)
    expect(mixed.rejectMatch?.test('no')).toBe(true)
    expect(withDefaultWords({ ...gate, rejectMatch: given }).match?.test('ok')).toBe(true)
  })

  it('are listed in the README from this constant (npm run docs)', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8')
    expect(readme).toContain(
      `<!-- default-words -->\n\n${defaultWordsMarkdown()}\n\n<!-- /default-words -->`
    )
  })

  it('reads only the first line of a long text', () => {
    expect(answerWord(`OK!\n${'x'.repeat(100_000)}`)).toBe('ok')
  })
})

const answer = (id: number, name: string, text: string) => ({
  message: {
    message_id: String(9000 + id),
    account: { account_id: id, name, avatar_image_url: '' },
    body: text,
    send_time: 1,
    update_time: 0
  },
  text
})

describe('the announcement', () => {
  const carol = answer(4004, 'Carol Sato', 'ok')
  const bob = answer(3003, 'Bob [To:1] Suzuki', 'no: [toall] see\nthe log')
  const approved: Tally = {
    decided: { decision: 'approved', by: carol },
    approvers: ['4004'],
    counted: [carol],
    unmatched: [],
    uncounted: []
  }
  const facts = { tally: approved, minApprovals: 1, waitMs: 60_000 }
  it('names who approved, in English and Japanese', () => {
    expect(announcement('en', { ...facts, outcome: 'approved' })).toBe(
      'Approved by Carol Sato (4004).'
    )
    expect(announcement('ja', { ...facts, outcome: 'approved' })).toBe(
      '承認されました: Carol Sato (4004)'
    )
  })

  it('quotes the rejection on one line, its notation escaped', () => {
    const rejected: Tally = { ...approved, decided: { decision: 'rejected', by: bob } }
    const text = announcement('en', { ...facts, tally: rejected, outcome: 'rejected' })
    expect(text).toBe('Rejected by Bob [\u200BTo:1] Suzuki (3003): "no: [\u200Btoall] see the log"')
  })

  it('says how many approvals came when there is no decision', () => {
    const partial: Tally = { ...approved, decided: undefined }
    expect(
      announcement('en', { tally: partial, minApprovals: 2, waitMs: 60_000, outcome: 'timed-out' })
    ).toBe('No decision within 60 s: 1 of 2 approvals (Carol Sato, 4004).')
    expect(announcement('en', { ...facts, tally: undefined, outcome: 'cancelled' })).toContain(
      'Cancelled'
    )
  })
})
