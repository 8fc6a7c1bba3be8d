/**
 * `api-params` for `mode: api`: a YAML mapping of parameter names to values. Every scalar is
 * kept as written (js-yaml's failsafe schema: a 19-digit id stays every digit, `yes` stays
 * `yes`, `0123` keeps its zero); a sequence is joined with commas, as Chatwork takes lists
 * (`to_ids: [1, 2]` is `1,2`). Anchors and aliases are refused before anything is built, as in
 * `account-map`. Values are templates, rendered by the mode.
 */
import { Input } from '../constants.js'
import { InputError, messageOf } from '../errors.js'
import { quote } from '../format.js'
import type { Event } from 'js-yaml'

/** Far more than any Chatwork request's parameters (a body is at most 65,535 characters). */
const MAX_PARAMS_LENGTH = 256 * 1024

/** A mapping whose values may be lists: three levels; a little room to name a deeper one. */
const MAX_DEPTH = 4

/** js-yaml's event type of an alias (`*name`), as its EVENT_ID says. */
const EVENT_ALIAS = 5

/** Chatwork's parameter names: `body`, `to_ids`, `self_unread`, `members_admin_ids`. */
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/

const EXAMPLE = "e.g.\n  body: 'Hello {{ github.actor }}'\n  to_ids: [1234567, 7654321]"

/** The parameters in the order written; empty when `api-params` is empty. */
export async function parseApiParams(text: string): Promise<[string, string][]> {
  if (text.trim() === '') return []
  const where = `Input '${Input.apiParams}'`
  if (text.length > MAX_PARAMS_LENGTH) {
    throw new InputError(
      `${where} has ${text.length} characters; at most ${MAX_PARAMS_LENGTH} are accepted.`
    )
  }
  const value = await load(text, where)
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError(`${where} is not a mapping of parameter names to values; ${EXAMPLE}`)
  }
  return Object.entries(value).map(([name, item]) => [checkName(name, where), scalar(name, item)])
}

async function load(text: string, where: string): Promise<unknown> {
  const { parseEvents, constructFromEvents, FAILSAFE_SCHEMA } = await import('js-yaml')
  try {
    // Events first: an anchor or alias is refused before anything is built from it.
    const events = parseEvents(text, { maxDepth: MAX_DEPTH })
    refuseAnchors(events, text, where)
    return constructFromEvents(events, { source: text, schema: FAILSAFE_SCHEMA, maxAliases: 0 })[0]
  } catch (error) {
    if (error instanceof InputError) throw error
    const { reason, mark } = error as { reason?: string; mark?: { line: number } }
    throw new InputError(
      `${where} is not valid YAML${mark ? ` (line ${mark.line + 1})` : ''}: ${reason ?? messageOf(error)}. Expected one 'name: value' per line, ${EXAMPLE}`
    )
  }
}

/** No parameter needs an anchor or alias, and aliases are how small YAML expands to gigabytes. */
function refuseAnchors(events: Event[], text: string, where: string): void {
  for (const event of events) {
    if (!('anchorStart' in event) || event.anchorStart < 0) continue
    const line = text.slice(0, event.anchorStart).split('\n').length
    const alias = event.type === EVENT_ALIAS
    const name = (alias ? '*' : '&') + text.slice(event.anchorStart, event.anchorEnd)
    throw new InputError(
      `${where}, line ${line}: ${alias ? 'an alias' : 'an anchor'} (${quote(name)}) is not accepted; write each value out, ${EXAMPLE}`
    )
  }
}

function checkName(name: string, where: string): string {
  if (!NAME.test(name)) {
    throw new InputError(
      `${where} has the parameter name ${quote(name)}; expected letters, digits and '_' (Chatwork's names, such as 'body' or 'to_ids').`
    )
  }
  return name
}

/** A scalar as written, or a sequence of scalars joined with commas. */
function scalar(name: string, item: unknown): string {
  if (typeof item === 'string') return item
  if (Array.isArray(item) && item.every(element => typeof element === 'string')) {
    return item.join(',')
  }
  throw new InputError(
    `Input '${Input.apiParams}' has ${quote(name)} set to ${Array.isArray(item) ? 'a list that holds a list or a mapping' : 'a mapping'}; expected a value or a list of values (joined with commas), ${EXAMPLE}`
  )
}
