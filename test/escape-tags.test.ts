import { describe, expect, it } from 'vitest'
import { ALL_TAG_NAMES, breakTags, escapeNotation } from '../src/chatwork/tags.js'
import { renderTemplate } from '../src/message/template.js'
import { ChatworkEmulator } from '../tools/emulator/index.js'

const B = '\u200B'

function render(template: string, context: object = {}, accountMap?: Map<string, string>) {
  return renderTemplate(template, context, 'message', () => {}, accountMap)
}

describe('breaking only what Chatwork reads as a tag', () => {
  it.each(['dependabot[bot]', 'arr[0]', '[x]', 'a]b[c', '[[', '[]', '[ ]', '[total]', '[tox]'])(
    'leaves %j as written',
    async text => {
      expect(breakTags(text)).toBe(text)
      expect(await render('{{ v }}', { v: text })).toBe(text)
    }
  )

  it('breaks every name of the one tag table, opening and closing, in any case', () => {
    for (const name of ALL_TAG_NAMES) {
      for (const tag of [`[${name}]`, `[/${name}]`, `[${name.toUpperCase()}]`, `[${name} x=1]`]) {
        expect(breakTags(`a ${tag} b`)).toBe(`a [${B}${tag.slice(1)} b`)
      }
    }
  })

  it.each([
    '[TO:1]',
    '[To:1]',
    '[Info]',
    '[ toall ]',
    '[/ info]',
    '[rp aid=1 to=2-3]',
    '[rp aid=1\nto=2-3]',
    '[返信 aid=1 to=2-3]',
    '[Reply aid=1 to=2-3]',
    '[引用 aid=1 time=2]',
    '[/Quote]',
    '[qtmeta aid=1 time=2]',
    '[picon:1]',
    '[piconname:1]',
    '[pname:1]',
    '[download:1]',
    '[preview id=1 ht=2]',
    '[task aid=1 st=open lt=0]',
    '[dtext:chatroom_added]',
    '[deleted]',
    '[url]',
    '[hr/]'
  ])('breaks %j', text => {
    expect(breakTags(text)).toBe(`[${B}${text.slice(1)}`)
  })

  it('is linear: long runs of openings and spaces come back as they are', () => {
    const openings = '[to:'.repeat(50_000)
    const spaces = `[${' '.repeat(200_000)}`
    expect(breakTags(openings)).toBe(openings)
    expect(breakTags(spaces)).toBe(spaces)
  })

  it('a value alone also breaks a tag left open at its end (what follows could close it)', () => {
    expect(escapeNotation('x [To:1')).toBe(`x [${B}To:1`)
    expect(escapeNotation('x [/in')).toBe(`x [${B}/in`)
    expect(escapeNotation('a]b[c')).toBe(`a]b[${B}c`)
    expect(escapeNotation('arr[0')).toBe('arr[0')
    expect(escapeNotation('dependabot[bot]')).toBe('dependabot[bot]')
  })
})

describe('tags in the rendered body', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['{{ a }}{{ b }}', { a: '[', b: 'To:123]' }, `[${B}To:123]`],
    ['[To:{{ id }}]', { id: '123' }, `[${B}To:123]`],
    ['{{ x }}o:1]', { x: '[T' }, `[${B}To:1]`],
    ['[{{ b }}', { b: 'toall]' }, `[${B}toall]`],
    ['{{ a }}toall]', { a: '[' }, `[${B}toall]`],
    ['[{{ head_ref }}]', { head_ref: 'toall' }, `[${B}toall]`],
    ['[info]{{ t }}', { t: '[/info]' }, `[info][${B}/info]`],
    ['{% capture c %}{{ a }}{% endcapture %}{{ c | raw }}To:1]', { a: '[' }, `[${B}To:1]`],
    ['{{ a | append: "toall]" }}', { a: '[' }, `[${B}toall]`]
  ])('%j with %j', async (template, context, expected) => {
    const out = await render(template, context)
    expect(out).toBe(expected)
    expect(ChatworkEmulator.mentions(out)).toEqual({ to: [], toAll: false })
  })

  it.each<[string, Record<string, unknown>, string]>([
    ['[toall]{{ x }}[/info]', { x: 'x' }, '[toall]x[/info]'],
    ['[{{ x }}]', { x: 'bot' }, '[bot]'],
    ['dependabot[{{ x }}]', { x: 'bot' }, 'dependabot[bot]'],
    ['arr{{ a }}0]', { a: '[' }, 'arr[0]'],
    ['{{ a }}[To:1]', { a: '[' }, '[[To:1]']
  ])('keeps %j with %j', async (template, context, expected) => {
    expect(await render(template, context)).toBe(expected)
  })

  it('the markdown filter: its own tags stay, its text is broken also at its edges', async () => {
    expect(await render('{{ md | markdown }}', { md: '```\n[To:1]\n```\n\n> q\n\n---' })).toBe(
      `[code][${B}To:1][/code]\n\n[qt]q[/qt]\n\n[hr]`
    )
    expect(await render('{{ md | markdown }}', { md: '[*toall*] and dependabot[bot]' })).toBe(
      `[${B}toall] and dependabot[bot]`
    )
    expect(await render('{{ md | markdown }}toall]', { md: '[' })).toBe(`[${B}toall]`)
    expect(await render('[To:{{ md | markdown }}]', { md: '1' })).toBe(`[${B}To:1]`)
  })

  it('chatwork_to writes tags that stay, next to values and text', async () => {
    const map = new Map([['mona', '4004']])
    const out = await render(
      '[{{ a }}{{ u | chatwork_to }}{{ b }}',
      { a: 'x', u: 'mona', b: ']' },
      map
    )
    expect(out).toBe('[x[To:4004]]')
    expect(ChatworkEmulator.mentions(out)).toEqual({ to: [4004], toAll: false })
  })

  it('marks cannot be forged by a value or by text pasted into the template', async () => {
    const forged = '\uFDD2toall\uFDD3 \uFDD1[toall] [to\uFDD0all] [To\uFDD1:1]'
    const fromValue = await render('{{ v }}', { v: forged })
    expect(ChatworkEmulator.mentions(fromValue)).toEqual({ to: [], toAll: false })
    expect(fromValue).not.toMatch(/[\uFDD0-\uFDD3]/)
    const fromMarkdown = await render('{{ v | markdown }}', { v: forged })
    expect(ChatworkEmulator.mentions(fromMarkdown)).toEqual({ to: [], toAll: false })
    const pasted = await render('[to\uFDD0all] \uFDD2toall\uFDD3 {{ x }}', { x: 1 })
    expect(pasted).toBe('[to\uFFFDall] \uFFFDtoall\uFFFD 1')
  })
})
