/**
 * Reads and validates every input, in one place, before any request is sent.
 * Nothing else in the action calls `core.getInput`.
 */
import * as core from '@actions/core'
import { Input, MAX_FETCH_LIMIT, MODES, type Mode } from './constants.js'
import { InputError } from './errors.js'

/** Everything the action was asked to do, validated. */
export interface Settings {
  /** Chatwork API token, sent as `X-ChatWorkToken`. Masked as soon as it is read. */
  token: string
  /** The room's numeric id, kept as a digit string. */
  roomId: string
  mode: Mode
  /** The message template (LiquidJS); empty when not given. Required for `send`. */
  message: string
  /** API base URL without a trailing slash, e.g. `https://api.chatwork.com/v2`. */
  apiBaseUrl: string
  /** fetch: only messages not fetched before with this token (`force=0`). */
  unreadOnly: boolean
  /** fetch: how many of the newest messages to return (1..100). */
  limit: number
  /** send: leave the posted message unread for the token's own user (`self_unread=1`). */
  selfUnread: boolean
  /** Timeout of one HTTP request, in milliseconds. */
  timeoutMs: number
  /** How many times a transient failure (5xx, network) is retried. */
  retries: number
  /** false: a Chatwork or network failure becomes a warning and the step succeeds. */
  failOnError: boolean
}

/** The defaults, as declared in action.yml (a test keeps the two in step). */
export const DEFAULTS = {
  [Input.mode]: 'send',
  [Input.apiBaseUrl]: 'https://api.chatwork.com/v2',
  [Input.unreadOnly]: 'false',
  [Input.limit]: '100',
  [Input.selfUnread]: 'false',
  [Input.timeoutSeconds]: '30',
  [Input.retries]: '5',
  [Input.failOnError]: 'true'
} as const

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])
/** The longest per-request timeout accepted: a step should not hang for more than 10 minutes. */
const MAX_TIMEOUT_SECONDS = 600
const MAX_RETRIES = 20

export function getSettings(): Settings {
  const token = readToken()
  const mode = parseMode(read(Input.mode))
  const message = core.getInput(Input.message, { trimWhitespace: false })
  if (mode === 'send' && message.trim() === '') {
    throw new InputError(`Input '${Input.message}' is required for mode 'send'.`)
  }
  return {
    token,
    roomId: parseRoomId(core.getInput(Input.roomId)),
    mode,
    message,
    apiBaseUrl: parseBaseUrl(read(Input.apiBaseUrl)),
    unreadOnly: parseBoolean(Input.unreadOnly, read(Input.unreadOnly)),
    limit: parseInteger(Input.limit, read(Input.limit), 1, MAX_FETCH_LIMIT),
    selfUnread: parseBoolean(Input.selfUnread, read(Input.selfUnread)),
    timeoutMs:
      parseInteger(Input.timeoutSeconds, read(Input.timeoutSeconds), 1, MAX_TIMEOUT_SECONDS) * 1000,
    retries: parseInteger(Input.retries, read(Input.retries), 0, MAX_RETRIES),
    failOnError: parseBoolean(Input.failOnError, read(Input.failOnError))
  }
}

/** An optional input; empty (e.g. an unset `${{ vars.X }}`) means the action.yml default. */
function read(name: keyof typeof DEFAULTS): string {
  return core.getInput(name) || DEFAULTS[name]
}

function readToken(): string {
  const token = core.getInput(Input.token)
  if (token) core.setSecret(token)
  if (!token) {
    throw new InputError(
      `Input '${Input.token}' is required: pass your Chatwork API token from a secret, e.g. token: \${{ secrets.CHATWORK_API_TOKEN }}.`
    )
  }
  if (!/^[\x21-\x7e]+$/.test(token)) {
    throw new InputError(
      `Input '${Input.token}' contains spaces, line breaks or non-ASCII characters (${token.length} characters; the value is not shown because it is a secret). Expected the API token exactly as Chatwork shows it: check the secret's value.`
    )
  }
  return token
}

export function parseMode(value: string): Mode {
  const mode = MODES.find(m => m === value.trim().toLowerCase())
  if (!mode) {
    throw new InputError(
      `Input '${Input.mode}' is ${quote(value)}; expected one of: ${MODES.join(', ')}.`
    )
  }
  return mode
}

export function parseRoomId(value: string): string {
  const trimmed = value.trim()
  if (/^[1-9]\d*$/.test(trimmed)) return trimmed
  if (trimmed === '') {
    throw new InputError(
      `Input '${Input.roomId}' is required: the room's numeric id, the digits after '#!rid' in the room's web URL.`
    )
  }
  const fromUrl = /rid(\d+)/.exec(trimmed)
  const hint = fromUrl
    ? ` It looks like a Chatwork URL: use the digits after '#!rid', i.e. ${quote(fromUrl[1] ?? '')}.`
    : " Find it in the room's web URL: the digits after '#!rid'."
  throw new InputError(
    `Input '${Input.roomId}' is ${quote(value)}; expected the room's numeric id (digits only).${hint}`
  )
}

export function parseBaseUrl(value: string): string {
  const trimmed = value.trim()
  let url: URL
  try {
    url = new URL(trimmed)
  } catch {
    throw new InputError(
      `Input '${Input.apiBaseUrl}' is ${quote(value)}; expected a URL such as '${DEFAULTS[Input.apiBaseUrl]}'.`
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
      `Input '${Input.apiBaseUrl}' is ${quote(value)}; expected a URL without query, fragment or credentials, such as '${DEFAULTS[Input.apiBaseUrl]}'.`
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

/** Quotes a user's value for an error message, showing invisible and overly long values. */
export function quote(value: string): string {
  const shown = value.length > 80 ? `${value.slice(0, 77)}...` : value
  return `'${JSON.stringify(shown).slice(1, -1).replace(/\\"/g, '"')}'`
}
