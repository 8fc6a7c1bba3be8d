import { describe, expect, it } from 'vitest'
import { composeMessage } from '../src/message/compose.js'
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
