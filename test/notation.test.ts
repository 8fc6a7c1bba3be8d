/** The notation reader: what a person wrote after the buttons' tags and names, in any locale. */
import { describe, expect, it } from 'vitest'
import { readSpoken, replyHeader } from '../src/chatwork/notation.js'
import { canonicalTags, tagAlternation } from '../src/chatwork/tags.js'

const names = new Map([
  ['1001', 'Deploy Bot'],
  ['2002', 'Alice Tanaka']
])

describe('text on the line of an addressing tag', () => {
  it.each([
    ['[toall] /approve', '/approve'],
    ['[toall]/approve', '/approve'],
    ['[To:1001]Deploy Bot /approve', '/approve'],
    ['[To:1001] Deploy Bot /approve', '/approve'],
    ['[To:1001]Deploy Botさん /approve', '/approve'],
    ['[To:1001]Deploy Bot さん /approve', '/approve'],
    ['[To:1001]Deploy Bot san /approve', '/approve'],
    ['[rp aid=1001 to=5-77]Deploy Bot 様 /approve', '/approve'],
    ['[rp aid=1001 to=5-77]Deploy Bot様\n/approve', '/approve'],
    ['[To:1001]Deploy Bot\n/approve', '/approve'],
    ['[To:1001]/approve', '/approve'],
    ['[To:1001] /approve', '/approve'],
    ['[To:1001]Deploy Bot[To:2002]Alice Tanakaさん /approve', '/approve'],
    ['[toall][To:1001]Deploy Bot /reject now', '/reject now']
  ])('%j says %j (names known)', (body, text) => {
    expect(readSpoken(body, names).text).toBe(text)
  })

  it('removes exactly the name: a longer word is what the person wrote', () => {
    expect(readSpoken('[To:1001]Deploy Botanist /approve', names).text).toBe('anist /approve')
  })

  it("falls back to today's rule when the name is not known", () => {
    expect(readSpoken('[To:4004]Carol Sato /approve', names).text).toBe('')
    expect(readSpoken('[To:4004]Carol Sato\n/approve', names).text).toBe('/approve')
    expect(readSpoken('[To:1001]Deploy Bot /approve').text).toBe('')
  })
})

describe('localized tags', () => {
  it.each([
    ['[返信 aid=1001 to=5-77]Deploy Botさん\n/approve', '/approve', ['5-77']],
    ['[Reply aid=1001 to=5-77]Deploy Bot /approve', '/approve', ['5-77']],
    ['[引用 aid=2002 time=1700000000]/approve[/引用]\nnot yet', 'not yet', []],
    ['[Quote aid=2002 time=1700000000]/approve[/Quote]not yet', 'not yet', []],
    ['[引用]/approve[/引用]', '', []],
    ['[Quote][返信 aid=1001 to=5-77]x[/Quote]ok', 'ok', []]
  ])('%j says %j', (body, text, repliesTo) => {
    expect(readSpoken(body, names)).toEqual({ text, repliesTo })
  })

  it('writes localized tags as the API does', () => {
    expect(canonicalTags('[返信 aid=1 to=2-3]a[引用 aid=1 time=2]b[/引用][Quote]c[/Quote]')).toBe(
      '[rp aid=1 to=2-3]a[qt][qtmeta aid=1 time=2]b[/qt][qt]c[/qt]'
    )
    expect(new RegExp(`^(?:${tagAlternation()})$`).test('返信')).toBe(true)
  })
})

describe('the other readers of the table', () => {
  it('previews localized quotes as quotes and replies as replies', async () => {
    const { previewHtml } = await import('../src/summary/preview.js')
    const html = String(
      previewHtml(
        '[返信 aid=1001 to=5-77]Deploy Bot\n[引用 aid=2002 time=1]/approve[/引用]ok',
        names
      )
    )
    expect(html).not.toContain('[返信')
    expect(html).not.toContain('[/引用]')
    expect(html).toContain('<blockquote')
  })

  it('the emulator notifies the account a localized reply names, not one it quotes', async () => {
    const { mentions } = await import('../tools/emulator/notation.js')
    expect(mentions('[返信 aid=1001 to=5-77]x[引用][To:2002][/引用]')).toEqual({
      to: [1001],
      toAll: false
    })
  })
})

describe('the reply header the action writes', () => {
  it('is what the Reply button writes, and readSpoken reads it back', () => {
    const header = replyHeader({ account_id: 2002, name: 'Alice Tanaka' }, '335', '42')
    expect(header).toBe('[rp aid=2002 to=335-42]Alice Tanaka')
    const names = new Map([['2002', 'Alice Tanaka']])
    expect(readSpoken(`${header}\n/approve`, names)).toEqual({
      text: '/approve',
      repliesTo: ['335-42']
    })
  })

  it("keeps a hostile name on the header's line and inert", () => {
    const header = replyHeader({ account_id: 1, name: ' Eve\n[toall]\r\n\t[/info] ' }, '3', '4')
    expect(header.split('\n')).toHaveLength(1)
    expect(header).not.toContain('[toall]')
    expect(header).not.toContain('[/info]')
    expect(header.startsWith('[rp aid=1 to=3-4]Eve ')).toBe(true)
  })
})
