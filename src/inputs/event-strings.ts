/**
 * The text of the event that someone outside the team may have written, as a `${{ }}`
 * expression can paste it into an input: every string (and key) of the webhook payload, and the
 * values the runner derives from it into the step's environment (branch names are chosen by
 * whoever pushes them). Collected once per event and shared by every check.
 */

/** What the checks need of the `github` template variable (github-context.ts). */
export interface EventSource {
  event: unknown
  event_name: string
  ref: string
  ref_name: string
  head_ref: string
  base_ref: string
}

export interface EventString {
  /** Where the text is, as a template would name it: `github.event.commits[1].message`. */
  path: string
  value: string
}

/** Payloads are GitHub's JSON; deeper than this is not a webhook payload, and is not walked. */
const MAX_DEPTH = 64

/** The runner's values made from the payload (GITHUB_REF, GITHUB_REF_NAME, …). */
const DERIVED = ['ref', 'ref_name', 'head_ref', 'base_ref'] as const

const cache = new WeakMap<EventSource, EventString[]>()

/**
 * The event's strings. `workflow_dispatch` inputs are left out: only people with write access
 * set them.
 */
export function eventStrings(source: EventSource): EventString[] {
  let strings = cache.get(source)
  if (!strings) {
    strings = []
    const dispatched = source.event_name === 'workflow_dispatch'
    collect(dispatched ? withoutInputs(source.event) : source.event, 'github.event', 0, strings)
    for (const name of DERIVED) {
      const value = source[name]
      if (value) strings.push({ path: `github.${name}`, value })
    }
    cache.set(source, strings)
  }
  return strings
}

/**
 * The text as `toJSON(…)` writes it inside a JSON string (quotes, backslashes and control
 * characters escaped), or undefined when that is the text itself.
 */
export function jsonEscaped(value: string): string | undefined {
  const escaped = JSON.stringify(value).slice(1, -1)
  return escaped === value ? undefined : escaped
}

/** The payload without its top-level `inputs`. */
function withoutInputs(event: unknown): unknown {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return event
  return Object.fromEntries(Object.entries(event).filter(([key]) => key !== 'inputs'))
}

function collect(value: unknown, path: string, depth: number, into: EventString[]): void {
  if (typeof value === 'string') {
    if (value) into.push({ path, value })
    return
  }
  if (typeof value !== 'object' || value === null || depth >= MAX_DEPTH) return
  if (Array.isArray(value)) {
    value.forEach((item, i) => collect(item, `${path}[${i}]`, depth + 1, into))
    return
  }
  for (const [key, item] of Object.entries(value)) {
    const at = `${path}${member(key)}`
    // A key is text too (toJSON of the object prints it), though GitHub's keys are its own.
    if (!/^[A-Za-z_][\w-]*$/.test(key)) into.push({ path, value: key })
    collect(item, at, depth + 1, into)
  }
}

/** `.title`, or `["odd key"]` for a key that is not a plain name. */
function member(key: string): string {
  return /^[A-Za-z_][\w-]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`
}
