/**
 * People in `to` and in the `chatwork_to` filter: account ids as they are, GitHub logins through
 * the `account-map` (parsed by account-map.ts, only when the input is set).
 */
import { Input } from '../constants.js'
import { InputError } from '../errors.js'
import { quote, plural } from '../format.js'
import { isAccountId } from './parse.js'

/** Lower-case GitHub login → Chatwork account id (digits). */
export type AccountMap = ReadonlyMap<string, string>

/**
 * GitHub's rule for user names: letters, digits and single hyphens inside, at most 39
 * characters; apps' bot accounts end in `[bot]`.
 */
export const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}(?:\[bot\])?$/

/** A GitHub login as people write it, `@octocat` or `octocat`, for a look-up. */
function loginKey(text: string): string {
  return text.trim().replace(/^@/, '').toLowerCase()
}

/**
 * `to` with logins: each item is an account id, or a login that the map turns into one. A login
 * the map does not have is named in a warning and left out (the message still goes).
 */
export function resolveRecipients(
  items: string[],
  map: AccountMap | undefined,
  warn: (message: string) => void
): string[] {
  const ids: string[] = []
  const missing: string[] = []
  for (const item of items) {
    if (isAccountId(item)) {
      ids.push(item)
      continue
    }
    const login = loginKey(item)
    const id = map?.get(login)
    if (!map || !LOGIN.test(login)) {
      throw new InputError(
        `Input '${Input.to}' has ${quote(item)}; expected Chatwork account ids (digits only)${map ? ` or GitHub logins from ${Input.accountMap}` : `, or GitHub logins when '${Input.accountMap}' is set`}, separated by commas or newlines.`
      )
    }
    if (id === undefined) missing.push(item)
    else ids.push(id)
  }
  if (missing.length > 0) {
    warn(
      `Input '${Input.to}': ${missing.map(quote).join(', ')} ${plural(missing.length, 'is', 'are')} not in '${Input.accountMap}'; left out.`
    )
  }
  return [...new Set(ids)]
}

/**
 * The `chatwork_to` filter: a login, a list of logins, or GitHub users (objects with `login`),
 * as `[To:id]` mentions. Logins the map lacks are named through `warn` and left out.
 */
export function mentionsFor(
  value: unknown,
  map: AccountMap,
  warn: (message: string) => void
): string {
  const items = Array.isArray(value) ? (value as unknown[]) : [value]
  const ids: string[] = []
  for (const item of items) {
    const login = typeof item === 'string' ? item : loginOf(item)
    if (login === undefined || login.trim() === '') continue
    const id = map.get(loginKey(login))
    if (id === undefined) {
      warn(`chatwork_to: ${quote(login)} is not in '${Input.accountMap}'; no mention for it.`)
    } else if (!ids.includes(id)) ids.push(id)
  }
  return ids.map(id => `[To:${id}]`).join('')
}

function loginOf(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null || !('login' in item)) return undefined
  return typeof item.login === 'string' ? item.login : undefined
}
