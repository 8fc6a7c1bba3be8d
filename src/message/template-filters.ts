/**
 * The action's own template filters, `chatwork_to` and `markdown`: loaded with LiquidJS, so a
 * plain message parses neither.
 */
import type { Context, Liquid } from 'liquidjs'
import { stringify } from '../format.js'
import { mentionsFor, type AccountMap } from '../inputs/recipients.js'
import { VALUE_END, VALUE_START } from './marks.js'
import { Input } from '../constants.js'

interface RenderExtras {
  accountMap: AccountMap | undefined
  warn: (message: string) => void
  /** The input the template comes from, for warnings. */
  inputName: string
}

/** What a filter's `this` gives (LiquidJS's FilterImpl, which it does not export). */
interface FilterThis {
  context: Context
}

/** `extrasKey`: the render global under which template.ts puts the render's extras. */
function extrasOf(filter: FilterThis, extrasKey: string): RenderExtras {
  return (
    (filter.context.globals as Record<string, RenderExtras>)[extrasKey] ?? {
      accountMap: undefined,
      warn: () => {},
      inputName: Input.message
    }
  )
}

/**
 * The action's filters. Their output is notation on purpose, so `raw`: not escaped again.
 * `chatwork_to` writes only tags of its own (`[To:id]`, ids from the account map, digits), so
 * its output is not marked: it is the action's text. The Markdown filter's output is a value
 * (marks.ts): its own tags have the action's brackets, and every tag that its text takes part in
 * is broken, also where the text meets the template's text.
 */
export function addFilters(engine: Liquid, extrasKey: string): Liquid {
  engine.registerFilter('chatwork_to', {
    raw: true,
    handler(this: FilterThis, value: unknown): string {
      const { accountMap, warn } = extrasOf(this, extrasKey)
      if (!accountMap) {
        throw new Error(
          `the chatwork_to filter needs the '${Input.accountMap}' input: a mapping from GitHub login to Chatwork account id`
        )
      }
      return mentionsFor(value, accountMap, warn)
    }
  })
  engine.registerFilter('markdown', {
    raw: true,
    async handler(this: FilterThis, value: unknown, maxLength?: unknown): Promise<string> {
      const maxChars = maxLength === undefined ? undefined : lengthArgument(maxLength)
      const { warn, inputName } = extrasOf(this, extrasKey)
      // The Markdown parser is loaded by the first template that uses the filter.
      const { markdownToChatwork } = await import('./markdown.js')
      const text = stringify(value)
      const beyond = (reason: string) =>
        warn(
          `Input '${inputName}': the markdown filter's value is sent as plain text, not converted: ${reason}.`
        )
      return (
        VALUE_START +
        markdownToChatwork(text, { maxLength: maxChars, beyond, marked: true }) +
        VALUE_END
      )
    }
  })
  return engine
}

/** `markdown: 20000`: a whole number of characters, room for the truncation mark at least. */
function lengthArgument(value: unknown): number {
  const number = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 20 || number > 65535) {
    throw new Error(
      `the markdown filter's length is ${JSON.stringify(value)}; expected a whole number from 20 to 65535, e.g. markdown: 20000`
    )
  }
  return number
}
