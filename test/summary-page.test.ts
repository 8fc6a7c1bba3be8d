import { describe, expect, it } from 'vitest'
import { utcTime } from '../src/format.js'
import { htmlText, markup } from '../src/summary/html.js'
import { arrayItems, fitOutputs, outputSize, OUTPUTS_BUDGET } from '../src/modes/outputs.js'
import { SummaryPage } from '../src/summary/page.js'

describe('markup and the escaper', () => {
  it('escapes every string part and keeps Html parts', () => {
    const name = '<b>Eve</b>\r\n\r\n"&'
    expect(String(markup`<p>${name}: ${htmlText('a\nb')}</p>`)).toBe(
      '<p>&lt;b&gt;Eve&lt;/b&gt;<br><br>&quot;&amp;: a<br>b</p>'
    )
  })

  it('refuses a built array and a literal that breaks the line', () => {
    const forged = Object.assign(['<p>', '</p>'], { raw: ['<p>', '</p>'] })
    expect(() => markup(forged as unknown as TemplateStringsArray, 'x')).toThrow(/template tag/)
    expect(
      () => markup`<p>
</p>`
    ).toThrow(/one line/)
  })
})

describe('times from servers and messages', () => {
  it.each([1_700_000_000, '1700000000'])('formats %j', value => {
    expect(utcTime(value)).toBe('2023-11-14 22:13:20')
    expect(utcTime(value, 'minute')).toBe('2023-11-14 22:13')
  })
  it.each([99_999_999_999_999, '9'.repeat(400), Number.NaN, -1e15, 1e12])('%j is no time', v => {
    expect(utcTime(v)).toBeUndefined()
  })
})

describe('the page keeps under its budget', () => {
  const page = () =>
    new SummaryPage()
      .addHeading('Chatwork room 1: 10 messages')
      .addParagraph(markup`<b>Decision: approved</b>`)
      .addTable(
        ['n'],
        Array.from({ length: 10 }, (_, i) => [`row ${i} ${'x'.repeat(1000)}`]),
        'messages'
      )
      .addOptional('The preview', markup`<pre>${'y'.repeat(5000)}</pre>`)

  it('whole when it fits', () => {
    const text = page().render(100_000)
    expect(text.split('</tr>')).toHaveLength(12)
    expect(text).not.toContain('left out')
  })

  it('drops the optional block and the oldest rows first, and says how many', () => {
    const text = page().render(6000)
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(6000)
    expect(text).toContain('<b>Decision: approved</b>')
    expect(text).toContain('row 9 ')
    expect(text).not.toContain('row 0 ')
    const left = Number(/(\d+) older messages left out/.exec(text)?.[1])
    expect(left + text.split('</tr>').length - 2).toBe(10)
    expect(text).toContain('The preview is left out')
    expect(text).not.toMatch(/\n\n/)
  })

  it('a notice, or nothing, when not even the notes fit', () => {
    expect(page().render(150)).toMatch(/^<p>The summary is left out: .*<\/p>\n$/)
    expect(page().render(10)).toBe('')
  })
})

describe('outputs keep under GitHub limits', () => {
  it('splits a JSON array without parsing it: big ids and strings with commas stay exact', () => {
    const json = '[{"a":"x,]\\"y}"},[1,[2]],123456789012345678901]'
    expect(arrayItems(json)).toEqual(['{"a":"x,]\\"y}"}', '[1,[2]]', '123456789012345678901'])
    expect(arrayItems('[]')).toEqual([])
  })

  it('drops the oldest items of messages, recounts, and cuts a long text', () => {
    const items = Array.from({ length: 50 }, (_, i) => ({ i, body: 'm'.repeat(20_000) }))
    const { outputs, warnings } = fitOutputs({
      messages: JSON.stringify(items),
      count: '50',
      'last-message-body': '😀'.repeat(200_000)
    })
    const kept = JSON.parse(outputs.messages ?? '') as { i: number }[]
    expect(kept.at(-1)?.i).toBe(49)
    expect(outputs.count).toBe(String(kept.length))
    expect(outputs['last-message-body']).toMatch(/^(😀)+$/u)
    const total = Object.entries(outputs).reduce(
      (n, [k, v]) => n + outputSize(k) + outputSize(v),
      0
    )
    expect(total).toBeLessThanOrEqual(OUTPUTS_BUDGET)
    expect(warnings).toHaveLength(2)
    expect(warnings[1]).toContain(`leaves out the ${50 - kept.length} oldest of its 50 items`)
    expect(warnings[1]).toContain("GitHub keeps at most 1,000,000 bytes of a job's outputs.")
  })
})
