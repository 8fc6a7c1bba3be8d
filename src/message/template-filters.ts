/**
 * The action's own template filters, `chatwork_to` and `markdown`: loaded with LiquidJS, so a
 * plain message parses neither.
 */
import type { Context, Liquid } from 'liquidjs'
import { stringify } from '../format.js'
import { mentionsFor, type AccountMap } from '../inputs/recipients.js'

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

/** Where template.ts puts things: the mark of a value's start, and the render's extras. */
interface Marks {
  valueStart: string
  extrasKey: string
}

function extrasOf(filter: FilterThis, { extrasKey }: Marks): RenderExtras {
  return (
    (filter.context.globals as Record<string, RenderExtras>)[extrasKey] ?? {
      accountMap: undefined,
      warn: () => {},
      inputName: 'message'
    }
  )
}

/**
 * The action's filters. Their output is notation on purpose, so `raw`: not escaped again (they
 * escape what they take from values themselves). It starts with the value mark, so that a literal
 * '[' right before it is broken like before any value.
 */
export function addFilters(engine: Liquid, marks: Marks): Liquid {
  const { valueStart } = marks
  engine.registerFilter('chatwork_to', {
    raw: true,
    handler(this: FilterThis, value: unknown): string {
      const { accountMap, warn } = extrasOf(this, marks)
      if (!accountMap) {
        throw new Error(
          "the chatwork_to filter needs the 'account-map' input: a mapping from GitHub login to Chatwork account id"
        )
      }
      return valueStart + mentionsFor(value, accountMap, warn)
    }
  })
  engine.registerFilter('markdown', {
    raw: true,
    async handler(this: FilterThis, value: unknown, maxLength?: unknown): Promise<string> {
      const limit = maxLength === undefined ? undefined : lengthArgument(maxLength)
      const { warn, inputName } = extrasOf(this, marks)
      // The Markdown parser is loaded by the first template that uses the filter.
      const { markdownToChatwork } = await import('./markdown.js')
      const text = stringify(value).replaceAll(valueStart, '')
      const beyond = (reason: string) =>
        warn(
          `Input '${inputName}': the markdown filter's value is sent as plain text, not converted: ${reason}.`
        )
      return valueStart + markdownToChatwork(text, limit, beyond)
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
