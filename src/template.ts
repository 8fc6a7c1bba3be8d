/**
 * Renders message templates with LiquidJS.
 *
 * Safe by default: every value printed by `{{ ... }}` passes through `escapeNotation`, so a
 * Chatwork tag inside a commit message or PR title (`[toall]`, `[To:123]`, `[info]`, `[rp ...]`)
 * shows as text and notifies nobody. Tags written literally in the template are not touched.
 * The `raw` filter (`{{ value | raw }}`) opts a value out.
 */
import { Liquid } from 'liquidjs'
import { InputError } from './errors.js'

/**
 * Chatwork notation has no escape character. Every tag starts with '[' followed at once by the
 * tag name, so a ZERO WIDTH SPACE (U+200B) after each '[' keeps the text as it reads but stops
 * it from being a tag. Invisible, and nothing of the value is lost.
 */
export const NOTATION_BREAK = '\u200B'

export function escapeNotation(value: string): string {
  return value.replaceAll('[', `[${NOTATION_BREAK}`)
}

let engine: Liquid | undefined

/** The engine, built on first use: fetch and delete render nothing and need none. */
function liquid(): Liquid {
  engine ??= new Liquid({
    // Given, so that LiquidJS does not ask Intl for the system locale (about 12 ms at start-up).
    locale: 'en-US',
    outputEscape: (value: unknown) => escapeNotation(stringify(value)),
    strictFilters: true,
    // No file system: `{% include %}` and `{% render %}` cannot read files of the runner.
    templates: {},
    // Bounds, so that a runaway loop fails instead of hanging the step.
    renderLimit: 5_000,
    memoryLimit: 64 * 1024 * 1024
  })
  return engine
}

/** Renders `template`; a syntax or render error names `inputName` and says where it is. */
export async function renderTemplate(
  template: string,
  context: object,
  inputName: string
): Promise<string> {
  try {
    return await liquid().parseAndRender(template, context)
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    throw new InputError(`Input '${inputName}' is not a valid template: ${detail}.`, {
      cause: error
    })
  }
}

function stringify(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}
