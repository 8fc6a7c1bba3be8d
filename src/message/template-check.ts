/**
 * Catches typos in templates before anything is sent. LiquidJS renders an undefined variable as
 * nothing, so `Build by {{ github.actorr }}` would post "Build by ". The top-level names and the
 * names directly under `github` are fixed sets: a name outside them fails, with the nearest
 * existing name. Under `github.event` and `env`, which vary by event and job, a missing value
 * still renders empty, but is named in a warning.
 */
import { closest, distance } from 'fastest-levenshtein'
import { InputError } from '../errors.js'

/** A path of a template variable as LiquidJS's static analysis gives it. */
type Segments = readonly unknown[]

/** The names under these top-level variables vary by event and job: a miss is only a warning. */
const OPEN = new Set(['env'])
const OPEN_UNDER_GITHUB = new Set(['event'])

export function checkVariables(
  paths: Segments[],
  context: Record<string, unknown>,
  input: string,
  warn: (message: string) => void
): void {
  for (const path of paths) {
    const names = leadingNames(path)
    const [top, second] = names
    if (top === undefined) continue
    if (!(top in context)) throw undefinedName(input, top, Object.keys(context))
    const value = context[top]
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
    const missing = firstMissing(value, names.slice(1))
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
    `Input '${input}' uses ${name}, which is not defined${hint ? `: did you mean ${hint}?` : '.'} Templates have github.*, env.* and run_url; see the README's Templates section.`
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
