import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { markdownToChatwork as convert } from '../src/message/markdown.js'
import { ROOT } from '../tools/run-action.js'

const fixture = (name: string) => readFileSync(path.join(ROOT, 'test/fixtures', name), 'utf8')
const B = '\u200B'

describe('markdown: GitHub release notes', () => {
  it('notes from `gh release create --generate-notes`', () => {
    expect(convert(fixture('release-notes.md'))).toBe(
      [
        "【What's Changed】",
        '',
        '■ Exciting New Features 🎉',
        '',
        '・ Add Markdown support to announcements by @octocat in https://github.com/octo-org/octo-repo/pull/101',
        '・ Reply to a message with reply-to by @mona-lisa in https://github.com/octo-org/octo-repo/pull/104',
        '',
        '■ Bug Fixes',
        '',
        `・ Fix the parser for [${B}toall] in titles by @hubot in https://github.com/octo-org/octo-repo/pull/102`,
        `・ Bump liquidjs from 10.30.1 to 10.31.0 by @dependabot[bot] in https://github.com/octo-org/octo-repo/pull/103`,
        '',
        '【New Contributors】',
        '',
        '・ @mona-lisa made their first contribution in https://github.com/octo-org/octo-repo/pull/104',
        '',
        'Full Changelog: https://github.com/octo-org/octo-repo/compare/v1.2.0...v1.3.0'
      ].join('\n')
    )
  })

  it('hand-written notes: checklist, table, code, quote, rule', () => {
    expect(convert(fixture('release-notes-handwritten.md'))).toBe(
      [
        '【v2.0.0】',
        '',
        'Breaking: the match input is now RE2 syntax.',
        'See the migration guide (https://example.com/migrate) for details.',
        '',
        `[qt][!WARNING]`,
        'Node 20 is no longer supported.[/qt]',
        '',
        '【Upgrade checklist】',
        '',
        '☑ Update the workflow to @v2',
        '☐ Check patterns for lookarounds',
        '  ・ (?=...) and (?!...)',
        '  ・ backreferences like \\1',
        '',
        'Input │  Before  │ After',
        '──────┼──────────┼──────',
        'match │ JS regex │   RE2',
        'limit │  1–100   │ 1–100',
        '',
        '[code]- uses: octo-org/chatwork-action@v2',
        '  with:',
        `    match: '^/approve'   # [${B}toall] stays text[/code]`,
        '',
        '[hr]',
        '',
        'Thanks to everyone all contributors! party (https://example.com/party.png)'
      ].join('\n')
    )
  })
})

describe('markdown: each row of the mapping', () => {
  it.each([
    ['# One\n## Two\n### Three\n###### Six', '【One】\n\n【Two】\n\n■ Three\n\n■ Six'],
    ['Setext\n===', '【Setext】'],
    ['one\ntwo  \nthree\\\nfour\n\nnext', 'one\ntwo\nthree\nfour\n\nnext'],
    ['- a\n- b\n\n1. x\n2. y', '・ a\n・ b\n\n1. x\n2. y'],
    ['3. three\n4. four', '3. three\n4. four'],
    ['- [ ] open\n- [x] done\n1. [x] first', '☐ open\n☑ done\n\n1. ☑ first'],
    ['**bold** *em* _em_ ~~del~~ `code [x]`', `bold em em del code [x]`],
    [
      '[text](https://a.example) [https://b.example](https://b.example)',
      'text (https://a.example) https://b.example'
    ],
    [
      '<https://c.example> https://d.example www.e.example me@f.example',
      'https://c.example https://d.example http://www.e.example me@f.example'
    ],
    ['[ref link][r]\n\n[r]: https://r.example', 'ref link (https://r.example)'],
    [
      '![alt text](https://i.example/x.png) ![](https://i.example/y.png)',
      'alt text (https://i.example/x.png) https://i.example/y.png'
    ],
    ['```\n  a  \n\n\tb [/code]\n```', `[code]  a  \n\n\tb [${B}/code][/code]`],
    ['    indented\n      more', '[code]indented\n  more[/code]'],
    ['```\nunclosed\nfence', '[code]unclosed\nfence[/code]'],
    ['> quoted\n>\n> > nested', '[qt]quoted\n\n[qt]nested[/qt][/qt]'],
    ['a\n\n***\n\nb', 'a\n\n[hr]\n\nb'],
    ['| a | bb |\n|---|---|\n| ccc | d |', 'a   │ bb\n────┼───\nccc │ d'],
    ['<!-- hidden -->\n\nvisible <b>bold</b> <span title="x">text</span>', 'visible bold text'],
    ['<div>\n<p>block [toall]</p>\n</div>', `block [${B}toall]`],
    ['Note[^1]\n\n[^1]: The footnote.', 'Note(1)\n\n(1) The footnote.'],
    [
      '[toall] [To:123] [info]x[/info] [rp aid=1 to=2-3]',
      `[${B}toall] [${B}To:123] [${B}info]x[${B}/info] [${B}rp aid=1 to=2-3]`
    ]
  ])('%j', (markdown, expected) => {
    expect(convert(markdown)).toBe(expected)
  })
})

describe('markdown: odd inputs', () => {
  it('an empty body, white space, only a heading', () => {
    expect(convert('')).toBe('')
    expect(convert(' \n\n ')).toBe('')
    expect(convert('## Only')).toBe('【Only】')
  })

  it('five levels of lists, two spaces more each', () => {
    const markdown = ['- 1', '  - 2', '    - 3', '      - 4', '        - 5'].join('\n')
    expect(convert(markdown)).toBe(
      ['・ 1', '  ・ 2', '    ・ 3', '      ・ 4', '        ・ 5'].join('\n')
    )
  })

  it('list items with several paragraphs and code', () => {
    expect(convert('- first\n\n  second\n\n  ```\n  x = 1\n  ```\n- next')).toBe(
      '・ first\n  second\n[code]x = 1[/code]\n・ next'
    )
  })

  it('a 200-row table, with wide characters counted as two columns', () => {
    const rows = Array.from({ length: 200 }, (_, i) => `| ${i} | 名前${i} |`)
    const out = convert(['| n | name |', '|--:|---|', ...rows].join('\n')).split('\n')
    expect(out).toHaveLength(202)
    expect(out[0]).toBe('  n │ name')
    expect(out[2]).toBe('  0 │ 名前0')
    expect(out[201]).toBe('199 │ 名前199')
  })

  it('no line ends with a space outside code', () => {
    const out = convert('a   \nb\t\n\n- c  \n  d   ')
    expect(out).toBe('a\nb\n\n・ c\n  d')
  })
})

describe('markdown: truncation', () => {
  const notes = fixture('release-notes.md')

  it('leaves a text that fits as it is', () => {
    expect(convert(notes, { maxLength: 20000 })).toBe(convert(notes))
  })

  it('cuts at a block or list item, never after a heading, and says so', () => {
    const out = convert(notes, { maxLength: 300 })
    expect(out.length).toBeLessThanOrEqual(300)
    expect(out).toBe(
      [
        "【What's Changed】",
        '',
        '■ Exciting New Features 🎉',
        '',
        '・ Add Markdown support to announcements by @octocat in https://github.com/octo-org/octo-repo/pull/101',
        '・ Reply to a message with reply-to by @mona-lisa in https://github.com/octo-org/octo-repo/pull/104',
        '…(truncated)'
      ].join('\n')
    )
  })

  it('a first block longer than the limit is cut at a space; code is not cut', () => {
    expect(convert('word '.repeat(100), { maxLength: 40 })).toBe(
      'word word word word word\n…(truncated)'
    )
    expect(convert('```\n' + 'x'.repeat(100) + '\n```', { maxLength: 40 })).toBe('…(truncated)')
  })
})

describe('markdown: bounded by structure before parsing', () => {
  const beyond = (text: string, maxLength?: number) => {
    const reasons: string[] = []
    const out = convert(text, { maxLength, beyond: reason => reasons.push(reason) })
    return { out, reasons }
  }

  it.each([
    ['emphasis that never closes', '*a_'.repeat(3000), /it has 600\d emphasis or link delimiters/],
    ['brackets that never close', '['.repeat(6000), /it has 600\d emphasis or link delimiters/],
    ['quotes nested on one line', `${'>'.repeat(40)} x`, /about 40 levels deep on line 1/],
    [
      'list items nested on one line',
      `${'* '.repeat(40)}x`,
      /levels deep on line 1 \(at most 32\)/
    ],
    [
      'lists nested by indentation',
      Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n'),
      /on line 33 \(at most 32\)/
    ],
    [
      'a wide header over many rows',
      `|${'a|'.repeat(200)}\n|${'-|'.repeat(200)}\n${'a\n'.repeat(100)}`,
      /tables have about \d+ cells with the table from line 1/
    ],
    [
      'a text longer than any release body',
      'word '.repeat(31_000),
      /it has 155\d{3} characters \(at most 150000\)/
    ]
  ])('%s: plain text, escaped, and the reason', (_, text, reason) => {
    const { out, reasons } = beyond(`${text}\n\n[toall]`)
    expect(reasons).toHaveLength(1)
    expect(reasons[0]).toMatch(reason)
    expect(out.endsWith(`\n\n[${B}toall]`)).toBe(true)
  })

  it('plain text is cut like converted text', () => {
    const { out } = beyond(`${'*a_ '.repeat(3000)}\n\nsecond paragraph`, 100)
    expect(out).toBe(`${'*a_ '.repeat(21).trimEnd()}\n…(truncated)`)
    const two = beyond(`first\n\n${'['.repeat(6000)}`, 100).out
    expect(two).toBe('first\n…(truncated)')
  })

  it('an ordered item not numbered 1 continues the paragraph, so it counts with it', () => {
    const lines = Array.from({ length: 300 }, (_, i) => `${i + 2}. ${'*a_'.repeat(10)}`)
    expect(beyond(`text\n${lines.join('\n')}`).reasons[0]).toMatch(/paragraph from line 1/)
  })

  it('a table too wide to pad is written unpadded', () => {
    const wide = 'x'.repeat(3000)
    const rows = Array.from({ length: 400 }, (_, i) =>
      i % 100 === 0 ? `| ${wide} | b |` : '| a | b |'
    )
    const out = convert(`| h | i |\n|---|---|\n${rows.join('\n')}`)
    expect(out.split('\n').slice(0, 3)).toEqual(['h │ i', `${wide} │ b`, 'a │ b'])
    expect(out.length).toBeLessThan(20_000)
  })
})
