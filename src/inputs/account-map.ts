/**
 * The `account-map` input: who is who. Teams know each other by GitHub login; Chatwork mentions
 * and task assignees need account ids. A YAML mapping from login (case-insensitive) to id,
 * inline or `@path` to a file in the workspace. Parsed with js-yaml, loaded only when the input
 * is set, and checked entry by entry before any request; an error names the line.
 */
import { Input } from '../constants.js'
import { InputError, messageOf } from '../errors.js'
import { readJobFile } from './files.js'
import { quote } from '../format.js'

import type { Event } from 'js-yaml'
import { LOGIN, type AccountMap } from './recipients.js'

/** A map file has a line per person: 64 kB is thousands of people. */
const MAX_MAP_BYTES = 64 * 1024

const ACCOUNT_ID = /^[1-9]\d{0,15}$/

/** A mapping of scalars is two levels deep; a little room for a value written as a list. */
const MAX_DEPTH = 4

/** js-yaml's event type of an alias (`*name`), as its EVENT_ID says. */
const EVENT_ALIAS = 5

const EXAMPLE = "e.g.\n  octocat: 1234567\n  hubot: '7654321'"

/** The map, or undefined when `account-map` is empty. */
export async function parseAccountMap(value: string): Promise<AccountMap | undefined> {
  const trimmed = value.trim()
  if (trimmed === '') return undefined
  let text = value
  let where = `Input '${Input.accountMap}'`
  if (trimmed.startsWith('@')) {
    const path = trimmed.slice(1).trim()
    text = readJobFile(
      Input.accountMap,
      path,
      MAX_MAP_BYTES,
      'an account map may have at most 64 kB'
    ).content.toString('utf8')
    where = `The account map ${quote(path)} (input '${Input.accountMap}')`
  }
  const entries = await readMapping(text, where)
  const map = new Map<string, string>()
  const lineOf = new Map<string, number>()
  for (const [login, accountId] of entries) {
    const line = lineOfKey(text, login)
    const at = `${where}, line ${line}`
    if (!LOGIN.test(login)) {
      throw new InputError(
        `${at}: ${quote(login)} is not a GitHub login (letters, digits and single hyphens, at most 39 characters).`
      )
    }
    if (typeof accountId !== 'string' || !ACCOUNT_ID.test(accountId.trim())) {
      throw new InputError(
        `${at}: the account id of ${quote(login)} is ${quote(JSON.stringify(accountId) ?? '')}; expected a Chatwork account id (digits only).`
      )
    }
    const lower = login.toLowerCase()
    const earlier = lineOf.get(lower)
    if (earlier !== undefined) {
      throw new InputError(
        `${at}: ${quote(login)} is already mapped on line ${earlier} (logins are compared without case).`
      )
    }
    lineOf.set(lower, line)
    map.set(lower, accountId.trim())
  }
  return map
}

/**
 * The YAML as a flat mapping, every scalar a string (js-yaml's failsafe schema: `007` stays
 * `007`, a numeric login stays a login). js-yaml, loaded only when the input is set: a mapping
 * of names needs no more than it, and the `yaml` package is several times its size (the sizes
 * are in docs/performance.md, "Figures behind the code's choices").
 */
async function readMapping(text: string, where: string): Promise<[string, unknown][]> {
  const { parseEvents, constructFromEvents, FAILSAFE_SCHEMA } = await import('js-yaml')
  let value: unknown
  try {
    // Events first: an anchor or alias is refused before anything is built from it.
    const events = parseEvents(text, { maxDepth: MAX_DEPTH })
    refuseAnchors(events, text, where)
    value = constructFromEvents(events, {
      source: text,
      schema: FAILSAFE_SCHEMA,
      maxAliases: 0
    })[0]
  } catch (error) {
    if (error instanceof InputError) throw error
    const { reason, mark } = error as { reason?: string; mark?: { line: number } }
    throw new InputError(
      `${where} is not valid YAML${mark ? ` (line ${mark.line + 1})` : ''}: ${reason ?? messageOf(error)}. Expected one 'login: account id' per line, ${EXAMPLE}`
    )
  }
  const entries =
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? Object.entries(value)
      : []
  if (entries.length === 0) {
    throw new InputError(
      `${where} is not a mapping from GitHub login to Chatwork account id; ${EXAMPLE}`
    )
  }
  return entries
}

/**
 * A flat mapping needs neither anchors nor aliases, and aliases are how a few hundred bytes of
 * YAML expand to gigabytes ("billion laughs"): both are refused, naming the line.
 */
function refuseAnchors(events: Event[], text: string, where: string): void {
  for (const event of events) {
    if (!('anchorStart' in event) || event.anchorStart < 0) continue
    const line = text.slice(0, event.anchorStart).split('\n').length
    const alias = event.type === EVENT_ALIAS
    const kind = alias ? 'an alias' : 'an anchor'
    const name = (alias ? '*' : '&') + text.slice(event.anchorStart, event.anchorEnd)
    throw new InputError(
      `${where}, line ${line}: ${kind} (${quote(name)}) is not accepted; write each 'login: account id' out, ${EXAMPLE}`
    )
  }
}

/** The line (from 1) where `key` starts an entry; the mapping is flat, so this finds it. */
function lineOfKey(text: string, key: string): number {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const entry = new RegExp(`^\\s*(?:[{,]\\s*)?(['"]?)${escaped}\\1\\s*:`)
  const lines = text.split(/\r?\n/)
  const index = lines.findIndex(line => entry.test(line))
  return (index >= 0 ? index : lines.findIndex(line => line.includes(key))) + 1
}
