/**
 * Small pure parsers for the inputs: each takes the text of an input and returns its value, or
 * throws an InputError that names the input, quotes the value and says what is expected.
 */
import {
  Input,
  JOB_STATUSES,
  type JobStatus,
  type Language,
  LANGUAGES,
  Output,
  type Role,
  ROLES
} from '../constants.js'
import { DEFAULTS } from './action-inputs.js'
import { InputError } from '../errors.js'
import { quote } from '../format.js'
import { proxyCredentialsProblem, redactProxy } from './proxy-credentials.js'
import { notARoomId } from '../texts.js'

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])
/** The default API base URL, for the examples in errors. */
const CHATWORK_API = DEFAULTS[Input.apiBaseUrl]

/** An optional message id: empty, or digits (compared as big integers, never as Numbers). */
export function parseOptionalMessageId(name: string, value: string): string {
  if (value && !/^\d{1,20}$/.test(value)) {
    throw new InputError(
      `Input '${name}' is ${quote(value)}; expected a Chatwork message id (digits only), e.g. the '${Output.messageId}' output of the step that asked.`
    )
  }
  return value
}

/** Room roles, separated by commas or newlines. */
export function parseRoles(value: string): Role[] {
  return [
    ...new Set(
      splitList(value).map(item => {
        const role = ROLES.find(r => r === item.toLowerCase())
        if (!role) {
          throw new InputError(
            `Input '${Input.fromRoles}' has ${quote(item)}; expected room roles: ${ROLES.join(', ')} (separated by commas or newlines).`
          )
        }
        return role
      })
    )
  ]
}

/** Room ids, separated by commas or newlines, without duplicates (modes.ts says how many a mode takes). */
export function parseRoomList(value: string): string[] {
  const items = splitList(value)
  return [...new Set(items.map(item => parseRoomId(item, items.length > 1 ? 'has' : 'is')))]
}

function parseRoomId(value: string, verb: 'is' | 'has' = 'is'): string {
  if (/^[1-9]\d*$/.test(value)) return value
  const fromUrl = /rid(\d+)/.exec(value)
  const hint = fromUrl
    ? ` It looks like a Chatwork URL: use the digits after '#!rid', i.e. ${quote(fromUrl[1] ?? '')}.`
    : " Find it in the room's web URL: the digits after '#!rid'."
  throw new InputError(notARoomId(Input.roomId, verb, quote(value), hint))
}

/** A Chatwork account id: digits, no leading zero. */
export function isAccountId(text: string): boolean {
  return /^[1-9]\d*$/.test(text)
}

/** Account ids, separated by commas or newlines. */
export function parseAccountIds(name: string, value: string): string[] {
  const ids = splitList(value)
  const bad = ids.find(id => !isAccountId(id))
  if (bad !== undefined) {
    throw new InputError(
      `Input '${name}' has ${quote(bad)}; expected Chatwork account ids (digits only), separated by commas or newlines.`
    )
  }
  return [...new Set(ids)]
}

export function parseMessageId(value: string, mode: string): string {
  const trimmed = value.trim()
  if (trimmed === '') {
    throw new InputError(
      `Input '${Input.messageId}' is required for mode '${mode}': the id of the message, e.g. the '${Output.messageId}' output of the step that sent it.`
    )
  }
  if (!/^\d+$/.test(trimmed)) {
    throw new InputError(
      `Input '${Input.messageId}' is ${quote(value)}; expected a Chatwork message id (digits only), e.g. '1928374655918273645'.`
    )
  }
  return trimmed
}

/** Items separated by commas or newlines, trimmed, without empty ones. */
export function splitList(value: string): string[] {
  return value
    .split(/[,\n]/)
    .map(item => item.trim())
    .filter(item => item !== '')
}

export function parseBaseUrl(value: string): string {
  const trimmed = value.trim()
  let url: URL
  try {
    url = new URL(trimmed)
  } catch {
    throw new InputError(
      `Input '${Input.apiBaseUrl}' is ${quote(value)}; expected a URL such as '${CHATWORK_API}'.`
    )
  }
  const loopback = LOOPBACK_HOSTS.has(url.hostname)
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new InputError(
      `Input '${Input.apiBaseUrl}' is ${quote(value)}; expected an https:// URL (plain http:// is accepted only for 127.0.0.1, localhost and [::1]).`
    )
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new InputError(
      `Input '${Input.apiBaseUrl}' is ${quote(value)}; expected a URL without query, fragment or credentials, such as '${CHATWORK_API}'.`
    )
  }
  return url.href.replace(/\/+$/, '')
}

export function parseBoolean(name: string, value: string): boolean {
  const normalized = value.trim().toLowerCase()
  if (normalized === 'true') return true
  if (normalized === 'false') return false
  throw new InputError(`Input '${name}' is ${quote(value)}; expected 'true' or 'false'.`)
}

export function parseInteger(name: string, value: string, min: number, max: number): number {
  const trimmed = value.trim()
  const number = /^\d+$/.test(trimmed) ? Number(trimmed) : NaN
  if (!Number.isSafeInteger(number) || number < min || number > max) {
    throw new InputError(
      `Input '${name}' is ${quote(value)}; expected a whole number from ${min} to ${max}.`
    )
  }
  return number
}

/**
 * The `proxy` input: an http:// or https:// proxy URL, with credentials if it needs them. An
 * error shows the value with its password replaced, never the password.
 */
export function parseProxy(value: string): URL | undefined {
  const trimmed = value.trim()
  if (trimmed === '') return undefined
  const problem = proxyCredentialsProblem(trimmed)
  if (problem) {
    throw new InputError(`Input '${Input.proxy}' is ${quote(redactProxy(trimmed))}; ${problem}.`)
  }
  let url: URL | undefined
  try {
    url = new URL(trimmed)
  } catch {
    url = undefined
  }
  if (!url || !['http:', 'https:'].includes(url.protocol) || url.search || url.hash) {
    const shown = redactProxy(trimmed)
    throw new InputError(
      `Input '${Input.proxy}' is ${quote(shown)}; expected the proxy's URL, e.g. 'http://proxy.example:3128' or 'http://user:password@proxy.example:3128'.`
    )
  }
  return url
}

export function parseLanguage(value: string): Language {
  const language = LANGUAGES.find(l => l === value.trim().toLowerCase())
  if (!language) {
    throw new InputError(
      `Input '${Input.language}' is ${quote(value)}; expected ${LANGUAGES.map(l => `'${l}'`).join(' or ')} (the language of the default message).`
    )
  }
  return language
}

/** `status`: what `${{ job.status }}` gives, or nothing. */
export function parseJobStatus(value: string): JobStatus | undefined {
  const trimmed = value.trim().toLowerCase()
  if (trimmed === '') return undefined
  const status = JOB_STATUSES.find(s => s === trimmed)
  if (!status) {
    throw new InputError(
      `Input '${Input.status}' is ${quote(value)}; expected one of ${JOB_STATUSES.join(', ')} (pass \${{ job.status }}), or nothing.`
    )
  }
  return status
}
