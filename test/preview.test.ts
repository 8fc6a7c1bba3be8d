import { describe, expect, it } from 'vitest'
import { previewHtml, previewWithSource } from '../src/summary/preview.js'
import { escapeNotation } from '../src/chatwork/tags.js'

const names = new Map([
  ['2002', 'Alice Tanaka'],
  ['1001', 'Deploy Bot']
])
const html = (body: string) => String(previewHtml(body, names))

describe('the preview of each tag', () => {
  it.each([
    ['[info]Build failed[/info]', '<table><tr><td>Build failed</td></tr></table>'],
    [
      '[info][title]CI[/title]Build failed[/info]',
      '<table><tr><td><b>CI</b><br>Build failed</td></tr></table>'
    ],
    ['[code]a < b\n[toall][/code]', '<pre><code>a &lt; b&#10;[toall]</code></pre>'],
    ['one[hr]two', 'one<hr>two'],
    ['[To:2002]Alice\nhi', '<b>@Alice Tanaka</b>Alice<br>hi'],
    ['[To:3003] hi', '<b>@account 3003</b> hi'],
    ['[To:2002]Alice Tanakaさん\nhi', '<b>@Alice Tanaka</b>さん<br>hi'],
    ['[rp aid=1001 to=335028121-1928374655918273645]Deploy Bot\nok', '<b>↩ Deploy Bot</b><br>ok'],
    ['[toall] release', '<b>@all</b> release'],
    ['[picon:2002] [piconname:2002]', '<b>Alice Tanaka</b> <b>Alice Tanaka</b>'],
    [
      '[qt][qtmeta aid=2002 time=1700000000]/approve[/qt]no',
      '<blockquote><i>Alice Tanaka at 2023-11-14 22:13 UTC wrote:</i><br>/approve</blockquote>no'
    ],
    [
      '[info][title][dtext:file_uploaded][/title][preview id=7 ht=100][download:7]a.txt (3 B)[/download][/info]',
      '<table><tr><td><b>File uploaded</b><br><i>[preview of file 7]</i>📎 file 7: a.txt (3 B)[/download]</td></tr></table>'
    ]
  ])('%j', (body, expected) => {
    expect(html(body)).toBe(expected)
  })
})

describe('structure', () => {
  it('nests an info box inside a quote', () => {
    expect(html('[qt][info][title]T[/title]x[/info][/qt]')).toBe(
      '<blockquote><table><tr><td><b>T</b><br>x</td></tr></table></blockquote>'
    )
  })

  it('keeps unclosed and stray tags as text', () => {
    expect(html('[info]never closed')).toBe('[info]never closed')
    expect(html('stray[/info] and [/qt]')).toBe('stray[/info] and [/qt]')
    expect(html('[qt][info]x[/qt]')).toBe('<blockquote>[info]x</blockquote>')
  })

  it('shows a tag escaped with a zero-width space as text, never as a tag', () => {
    const escaped = escapeNotation('[toall] [To:2002] [info]x[/info] [code]')
    const out = html(escaped)
    expect(out).not.toMatch(/<b>|<table>|<pre>/)
    expect(out.replaceAll('\u200B', '')).toBe('[toall] [To:2002] [info]x[/info] [code]')
  })

  it('escapes HTML in bodies, names and code', () => {
    const out = String(
      previewHtml(
        '<script>alert(1)</script> [To:9]\n[code]<img src=x onerror=alert(1)>[/code]',
        new Map([['9', '<b>Eve</b>']])
      )
    )
    expect(out).not.toMatch(/<script|<img|<b>Eve/)
    expect(out).toContain('&lt;script&gt;')
    expect(out).toContain('@&lt;b&gt;Eve&lt;/b&gt;')
  })

  it('turns every line break into <br>, so the preview is one HTML block', () => {
    expect(html('a\r\n\r\nb\rc\n\n# heading')).toBe('a<br><br>b<br>c<br><br># heading')
  })

  it('collapses quotes on request, and adds the raw notation under the preview', () => {
    expect(String(previewHtml('[qt]q[/qt]a', names, { collapseQuotes: true }))).toBe(
      '<details><summary>quote</summary><blockquote>q</blockquote></details>a'
    )
    expect(String(previewWithSource('[toall]\nhi'))).toBe(
      '<div><b>@all</b><br>hi</div><details><summary>Chatwork notation</summary><pre>[toall]&#10;hi</pre></details>'
    )
  })

  it('renders a 64 kB body whole', () => {
    const big = `[info]${'x'.repeat(65_000)}[/info]`
    expect(html(big)).toHaveLength(65_000 + '<table><tr><td></td></tr></table>'.length)
  })
})

describe('web addresses and code blocks', () => {
  it.each([
    ['see https://example.com/a?b=1&c=2.', '<a href="https://example.com/a?b=1&amp;c=2">'],
    ['(https://example.com/x)', '(<a href="https://example.com/x">https://example.com/x</a>)'],
    ['http://example.com:8080/p', '<a href="http://example.com:8080/p">'],
    [
      'https://a.example/"onmouseover="x',
      '<a href="https://a.example/">https://a.example/</a>&quot;'
    ]
  ])('%j is a link', (body, link) => {
    expect(html(body)).toContain(link)
  })

  it.each(['javascript:alert(1)', 'https://', 'https://.', 'ftp://example.com', 'see http:/x'])(
    '%j is no link',
    body => {
      expect(html(body)).not.toContain('<a ')
    }
  )

  it('links no address inside a code block, and keeps its line breaks as newlines', () => {
    expect(html('[code]https://example.com\nnext[/code]')).toBe(
      '<pre><code>https://example.com&#10;next</code></pre>'
    )
  })

  it('trims a long run of punctuation after an address in one pass', () => {
    const body = `https://example.com/${'.'.repeat(65_000)}x ${'.'.repeat(65_000)}`
    expect(html(body)).toContain(`<a href="https://example.com/${'.'.repeat(65_000)}x">`)
  })
})
