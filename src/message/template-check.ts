/**
 * Catches typos in templates before anything is sent. LiquidJS renders an undefined variable as
 * nothing, so `Build by {{ github.actorr }}` would post "Build by ". The top-level names and the
 * names directly under `github` are fixed sets: a name outside them fails, with the nearest
 * existing name. Under `github.event` and `env`, which vary by event and job, a missing value
 * still renders empty, but is named in a warning, unless every use of it goes through the
 * `default` filter (`{{ a | default: b }}`, both `a` and `b`): there a missing value is expected.
 */
import { closest, distance } from 'fastest-levenshtein'
import type { Liquid, Template } from 'liquidjs'
import { InputError } from '../errors.js'

/** A path of a template variable as LiquidJS's static analysis gives it. */
type Segments = readonly unknown[]

/** A variable the template uses; `defaulted` when each use of it is inside a `default` chain. */
interface Used {
  path: Segments
  defaulted: boolean
}

/** The template's global variables, each once, from LiquidJS's static analysis. */
export function usedVariables(engine: Liquid, parsed: Template[], source: string): Used[] {
  const ranges = defaultedRanges(parsed)
  const lineStarts = [0]
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) lineStarts.push(i + 1)
  const byPath = new Map<string, Used>()
  const { globals } = engine.analyzeSync(parsed, { partials: false })
  for (const variable of Object.values(globals).flat()) {
    const path = variable.toArray()
    const { row, col } = variable.location
    const at = (lineStarts[row - 1] ?? 0) + col - 1
    const defaulted = ranges.some(([begin, end]) => at >= begin && at < end)
    const key = JSON.stringify(path)
    const seen = byPath.get(key)
    byPath.set(key, { path, defaulted: defaulted && (seen?.defaulted ?? true) })
  }
  return [...byPath.values()]
}

/**
 * Where in the source an output or a tag (`assign`) has a `default` filter: [begin, end)
 * offsets. A walk over the parsed templates and their branches, each object once.
 */
function defaultedRanges(parsed: Template[]): [number, number][] {
  const ranges: [number, number][] = []
  const seen = new Set<object>()
  const visit = (node: unknown): void => {
    if (typeof node !== 'object' || node === null || seen.has(node)) return
    seen.add(node)
    if (Array.isArray(node)) return node.forEach(visit)
    const { value, token } = node as {
      value?: { filters?: { name: string }[] }
      token?: { begin: number; end: number }
    }
    if (token && value?.filters?.some(filter => filter.name === 'default')) {
      ranges.push([token.begin, token.end])
    }
    for (const [key, child] of Object.entries(node)) {
      if (!SKIPPED.has(key)) visit(child)
    }
  }
  visit(parsed)
  return ranges
}

/** What a walk of templates need not enter: the engine, tokens, values and their filters. */
const SKIPPED = new Set(['liquid', 'token', 'tokenizer', 'value', 'filters', 'args'])

/** The names under these top-level variables vary by event and job: a miss is only a warning. */
const OPEN = new Set(['env'])
const OPEN_UNDER_GITHUB = new Set(['event'])

export function checkVariables(
  used: Used[],
  context: object,
  input: string,
  warn: (message: string) => void
): void {
  const known = context as Record<string, unknown>
  for (const { path, defaulted } of used) {
    const names = leadingNames(path)
    const [top, second] = names
    if (top === undefined) continue
    if (!(top in known)) throw undefinedName(input, top, Object.keys(known))
    const value = known[top]
    if (top === 'github' && second !== undefined && isRecord(value)) {
      if (!(second in value)) {
        throw undefinedName(
          input,
          `github.${second}`,
          Object.keys(value).map(k => `github.${k}`)
        )
      }
      if (!OPEN_UNDER_GITHUB.has(second)) continue
    } else if (!OPEN.has(top)) continue
    const missing = defaulted ? undefined : firstMissing(value, names.slice(1))
    if (missing !== undefined) {
      const shown = [top, ...names.slice(1, missing + 2)].join('.')
      warn(
        `Input '${input}' uses ${shown}, which this ${top === 'env' ? "step's environment" : 'event'} does not have: it renders empty.`
      )
    }
  }
}

/** The segments up to the first one that is not a plain name (an index, a variable). */
function leadingNames(path: Segments): string[] {
  const names: string[] = []
  for (const segment of path) {
    if (typeof segment !== 'string') break
    names.push(segment)
  }
  return names
}

/** The index in `names` of the first name `value` does not have, or undefined. */
function firstMissing(value: unknown, names: string[]): number | undefined {
  let current = value
  for (const [i, name] of names.entries()) {
    if (!isRecord(current) || !(name in current)) return i
    current = current[name]
  }
  return undefined
}

function undefinedName(input: string, name: string, candidates: string[]): InputError {
  const hint = nearest(name, candidates)
  return new InputError(
    `Input '${input}' uses ${name}, which is not defined${hint ? `: did you mean ${hint}?` : '.'} Templates have github.*, env.* and run_url; see docs/templates.md.`
  )
}

/** The candidate nearest to `name`, when it is near enough to be the intended one. */
export function nearest(name: string, candidates: string[]): string | undefined {
  if (candidates.length === 0) return undefined
  const best = closest(name, candidates)
  return distance(name, best) <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}
