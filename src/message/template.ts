/**
 * Renders message templates with LiquidJS, loaded only when a template has Liquid syntax.
 *
 * Safe by default: every value printed by `{{ ... }}` is marked (marks.ts), and every Chatwork tag
 * of the rendered body that a value's character takes part in (`[toall]`, `[To:123]`, `[info]`,
 * `[rp ...]` in a commit message or PR title, or one that forms where a value meets the template's
 * text) gets a zero-width break, so it shows as text and notifies nobody. Every other '[' stays
 * as written (`dependabot[bot]`). Tags written wholly in the template are not touched. The `raw`
 * filter (`{{ value | raw }}`) opts a value out.
 *
 * Bounded: the template's length (`parseLimit`), the time it renders (`renderLimit`, a backstop), and every
 * character it writes, also inside `capture`, is charged to LiquidJS's per-render memory limit,
 * so a runaway loop fails in milliseconds instead of filling the runner's memory.
 * Closed: `include`, `render` and `layout` fail when the template is parsed, before their
 * argument is evaluated (templates read no files, and an error must not print a value).
 */
import type { Context, Emitter, Liquid, Template } from 'liquidjs'
import type { AccountMap } from '../inputs/recipients.js'
import { InputError, messageOf } from '../errors.js'
import { stringify } from '../format.js'
import { finish, inert, markValue } from './marks.js'
import { notATemplate } from '../texts.js'

/** The longest template accepted (characters); `message-file` is capped at 1 MB before this. */
const MAX_TEMPLATE_LENGTH = 1_000_000
/**
 * What one render may allocate (characters written plus LiquidJS's own charges for ranges and
 * filters). A message is at most 65,535 characters; this leaves room for loops over large
 * event payloads and still stops a doubling `capture` within a few milliseconds.
 */
const RENDER_MEMORY_LIMIT = 4_000_000
/**
 * Milliseconds one render may take: a backstop only. What bounds a render is its structure
 * (the memory limit above, the Markdown filter's bounds in markdown-bounds.ts), which holds on
 * a busy runner as on a quiet one; a tight clock would fail legitimate release notes there.
 */
const RENDER_TIME_LIMIT = 30_000

/**
 * What one render brings to the action's own filters (template-filters.ts): a render global
 * under a name no template can write (it has a space), so nothing leaks between renders.
 */
const RENDER_EXTRAS = 'chatwork action'

/** Whether the text uses Liquid syntax at all; plain text is sent as it is. */
function hasLiquidSyntax(text: string): boolean {
  return text.includes('{{') || text.includes('{%')
}

let engine: Promise<Liquid> | undefined

/** The engine, loaded and built on first use: plain messages, fetch and delete need none. */
function liquid(): Promise<Liquid> {
  engine ??= build()
  return engine
}

async function build(): Promise<Liquid> {
  const { Liquid } = await import('liquidjs')
  const { addFilters } = await import('./template-filters.js')
  return addFilters(harden(new Liquid(OPTIONS)), RENDER_EXTRAS)
}

const OPTIONS = {
  // Given, so that LiquidJS does not ask Intl for the system locale, a cost at every start-up
  // (measured in docs/performance.md, "Figures behind the code's choices").
  locale: 'en-US',
  outputEscape: (value: unknown) => markValue(stringify(value)),
  strictFilters: true,
  // No file system: partials cannot read files of the runner.
  templates: {},
  parseLimit: MAX_TEMPLATE_LENGTH,
  renderLimit: RENDER_TIME_LIMIT,
  memoryLimit: RENDER_MEMORY_LIMIT
}

/** Closes the file tags and charges every written character to the render's memory limit. */
function harden(engine: Liquid): Liquid {
  for (const name of ['include', 'render', 'layout']) {
    engine.registerTag(name, {
      parse() {
        throw new Error(`the '${name}' tag is not available: templates cannot read files`)
      },
      render() {
        return ''
      }
    })
  }
  const renderer = engine.renderer
  const renderTemplates = renderer.renderTemplates.bind(renderer)
  renderer.renderTemplates = (templates: Template[], ctx: Context, emitter?: Emitter) =>
    renderTemplates(templates, ctx, emitter ?? new ChargedEmitter(ctx))
  return engine
}

/** LiquidJS's plain emitter, but every write counts against the render's memory limit. */
class ChargedEmitter implements Emitter {
  buffer = ''
  constructor(private readonly ctx: Context) {}
  write(html: unknown): void {
    const text = stringify(html)
    this.ctx.memoryLimit.use(text.length)
    this.buffer += text
  }
}

/**
 * Renders `template`. A syntax or render error names `inputName` and says where it is; a name
 * that does not exist fails before rendering (see template-check.ts), and `warn` hears of
 * values the event or the environment does not have.
 */
export async function renderTemplate(
  template: string,
  context: object,
  inputName: string,
  warn: (message: string) => void = () => {},
  accountMap?: AccountMap
): Promise<string> {
  if (!hasLiquidSyntax(template)) return template
  // Loaded with the engine, only for templates: plain messages parse neither.
  const [engine, { checkVariables, nearest, usedVariables }] = await Promise.all([
    liquid(),
    import('./template-check.js')
  ])
  try {
    const source = inert(template)
    const parsed = engine.parse(source)
    checkVariables(usedVariables(engine, parsed, source), context, inputName, warn)
    // The Markdown parser is loaded before the render, so that loading it (tens of
    // milliseconds, more on a busy runner) is not charged to the render's time limit.
    if (/\|\s*markdown\b/.test(template)) await import('./markdown.js')
    const globals = { [RENDER_EXTRAS]: { accountMap, warn, inputName } }
    return finish(await engine.render(parsed, context, { globals }))
  } catch (error) {
    if (error instanceof InputError) throw error
    const detail = withFilterHint(engine, messageOf(error), nearest)
    throw new InputError(notATemplate(inputName, detail), {
      cause: error
    })
  }
}

/**
 * Filter names people bring from Jinja, Django, Handlebars or JavaScript, and Liquid's own: no
 * edit distance leads from `upper` to `upcase`.
 */
const FILTER_ALIASES: Record<string, string> = {
  upper: 'upcase',
  uppercase: 'upcase',
  lower: 'downcase',
  lowercase: 'downcase',
  length: 'size',
  len: 'size',
  count: 'size',
  trim: 'strip',
  title: 'capitalize',
  truncatechars: 'truncate',
  tojson: 'json',
  to_json: 'json'
}

/** LiquidJS's "undefined filter: upper", with " (did you mean 'upcase'?)" after the name. */
function withFilterHint(
  engine: Liquid,
  detail: string,
  nearest: (name: string, candidates: string[]) => string | undefined
): string {
  const unknown = /undefined filter: (\w+)/.exec(detail)?.[1]
  if (!unknown) return detail
  const names = Object.keys(engine.filters)
  const alias = FILTER_ALIASES[unknown]
  const hint = alias !== undefined && names.includes(alias) ? alias : nearest(unknown, names)
  if (!hint) return detail
  return detail.replace(`undefined filter: ${unknown}`, `$& (did you mean '${hint}'?)`)
}
