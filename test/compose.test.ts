import { describe, expect, it } from 'vitest'
import { composeMessage, messageBody, type Composed } from '../src/message/compose.js'
import { InputError } from '../src/errors.js'
import type { TemplateContext } from '../src/inputs/github-context.js'

const context = { github: {}, env: { NAME: '[toall]' }, run_url: 'u' } as unknown as TemplateContext
const message = (text: string) => ({ text, input: 'message' })

describe('composeMessage', () => {
  it('is the rendered template alone by default', async () => {
    expect(
      await composeMessage(
        {
          template: message('hi {{ env.NAME }}'),
          title: undefined,
          to: [],
          toAll: false,
          accountMap: undefined
        },
        context
      )
    ).toBe('hi [\u200Btoall]')
  })

  it('puts [toall] and the [To:] mentions on the first line, outside the info box', async () => {
    const body = await composeMessage(
      {
        template: message('text'),
        title: { text: 'T {{ run_url }}', input: 'title' },
        to: ['1', '22'],
        toAll: true,
        accountMap: undefined
      },
      context
    )
    expect(body).toBe('[toall][To:1][To:22]\n[info][title]T u[/title]text[/info]')
  })

  it('allows mentions alone', async () => {
    expect(
      await composeMessage(
        { template: undefined, title: undefined, to: ['7'], toAll: false, accountMap: undefined },
        context
      )
    ).toBe('[To:7]')
  })

  it('refuses an empty rendering and counts the title and mentions in the length', async () => {
    await expect(
      composeMessage(
        {
          template: message('{{ env.NONE }}'),
          title: undefined,
          to: [],
          toAll: false,
          accountMap: undefined
        },
        context
      )
    ).rejects.toThrow("Input 'message' rendered to an empty message")
    const error = await composeMessage(
      {
        template: message('x'.repeat(65530)),
        title: undefined,
        to: ['123'],
        toAll: false,
        accountMap: undefined
      },
      context
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InputError)
    expect((error as Error).message).toContain(
      'rendered to 65539 characters with the title and mentions'
    )
  })
})

describe('messageBody: the whole body, reply header included, and its one length check', () => {
  const HEADER = '[rp aid=2002 to=1-2]Alice'
  const of = (content: string, mentions = ''): Composed => ({
    mentions,
    content,
    text: content,
    source: 'message'
  })

  it('puts the reply header first, then the mentions, then the text', () => {
    expect(messageBody(of('hi', '[To:3003]'), { reply: HEADER })).toBe(`${HEADER}\n[To:3003]\nhi`)
    expect(messageBody(of(''), { reply: HEADER })).toBe(HEADER)
    expect(messageBody(of('hi'))).toBe('hi')
  })

  it('counts the header: a text that fits alone is refused with it, naming reply-to', () => {
    // The header, its line break, the text.
    const fits = of('x'.repeat(65535 - HEADER.length - 1))
    expect(messageBody(fits, { reply: HEADER })).toHaveLength(65535)
    const over = of('x'.repeat(65535 - HEADER.length))
    expect(messageBody(over)).toHaveLength(65535 - HEADER.length)
    expect(() => messageBody(over, { reply: HEADER })).toThrow(
      `The message with the reply header for 'reply-to' has 65536 characters; Chatwork accepts at most 65535.`
    )
  })

  it("a text too long by itself is the template's error, with or without a header", () => {
    const long = of('x'.repeat(65536))
    for (const reply of [undefined, HEADER]) {
      expect(() => messageBody(long, { reply })).toThrow(
        "Input 'message' rendered to 65536 characters; Chatwork accepts at most 65535."
      )
    }
  })

  it('warns once when the characters fit and the UTF-8 bytes do not, header included', () => {
    const warnings: string[] = []
    // 65,535 bytes: at the limit alone, over it with the header.
    const text = 'あ'.repeat(21845)
    messageBody(of(text), { warn: w => warnings.push(w) })
    expect(warnings).toEqual([])
    messageBody(of(text), { reply: HEADER, warn: w => warnings.push(w) })
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain(`rendered to ${HEADER.length + 1 + text.length} characters but`)
  })
})
