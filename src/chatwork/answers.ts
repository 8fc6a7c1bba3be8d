/**
 * Shapes of Chatwork's answers (docs/chatwork-api.md) and checks that an answer has them.
 * A message id is a string of digits (19 digits today): it is never converted to a Number.
 */
import { InvalidResponseError } from '../errors.js'
import { invalidResponse } from '../texts.js'

export interface ChatworkAccount {
  account_id: number
  name: string
  avatar_image_url: string
}

export interface ChatworkMessage {
  message_id: string
  account: ChatworkAccount
  body: string
  /** Unix seconds */
  send_time: number
  /** Unix seconds; 0 for a message never edited */
  update_time: number
}

export interface Member {
  account_id: number
  name: string
  role: string
}

export interface ChatworkFile {
  file_id: number
  filename: string
  filesize: number
  /** Unix seconds */
  upload_time: number
}

export interface Me {
  account_id: number
  name: string
}

/** Chatwork's answers nest three levels deep; this leaves room and stops a hostile answer
 * before code that walks it (JSON.stringify for the `messages` output) runs out of stack. */
const MAX_JSON_DEPTH = 32

/** A message id: digits, at most 20 (19 today; more is not an id Chatwork makes). */
const MESSAGE_ID = /^\d{1,20}$/

/**
 * Parses a JSON body (with `parse`, JSON.parse unless the caller needs integers exactly);
 * anything else is an InvalidResponseError that shows the body's start.
 */
export function parseJson(
  text: string,
  what: string,
  parse: (text: string) => unknown = JSON.parse
): unknown {
  if (nestingDepth(text) > MAX_JSON_DEPTH) {
    throw invalid(what, `nests deeper than ${MAX_JSON_DEPTH} levels`, text)
  }
  try {
    return parse(text)
  } catch {
    throw invalid(what, 'is not JSON', text)
  }
}

/** How deep arrays and objects nest in a JSON text, in one pass, outside strings. */
function nestingDepth(text: string): number {
  let depth = 0
  let deepest = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c)
        i++ // backslash: skip the escaped character
      else if (c === 0x22) inString = false
    } else if (c === 0x22) inString = true
    else if (c === 0x5b || c === 0x7b) deepest = Math.max(deepest, ++depth)
    else if (c === 0x5d || c === 0x7d) depth--
  }
  return deepest
}

/**
 * `{"message_id": "..."}`. A number instead of a string would have lost digits in JSON.parse,
 * so the digits are then read from the text itself.
 */
export function readMessageIdAnswer(text: string, what: string): string {
  const value = parseJson(text, what)
  const id = isObject(value) ? value.message_id : undefined
  if (typeof id === 'string' && MESSAGE_ID.test(id)) return id
  if (typeof id === 'number' && Number.isInteger(id)) {
    // The number as written: only plain digits (not 1e400 or 1.5e3), ending the value.
    const digits = /"message_id"\s*:\s*(\d+)\s*[,}]/.exec(text)?.[1]
    if (digits && MESSAGE_ID.test(digits)) return digits
  }
  throw invalid(what, 'has no valid message_id (digits, at most 20)', text)
}

export function readMessages(text: string, what: string): ChatworkMessage[] {
  const value = parseJson(text, what)
  if (!Array.isArray(value) || !value.every(isMessage)) {
    throw invalid(what, 'is not a list of messages', text)
  }
  return value
}

export function readMessageAnswer(text: string, what: string): ChatworkMessage {
  const value = parseJson(text, what)
  if (!isMessage(value)) throw invalid(what, 'is not a message', text)
  return value
}

export function readMe(text: string, what: string): Me {
  const value = parseJson(text, what)
  if (!isObject(value) || !isAccountId(value.account_id)) {
    throw invalid(what, 'has no account_id', text)
  }
  return { account_id: value.account_id, name: typeof value.name === 'string' ? value.name : '' }
}

/** `{"file_id": 123}` (an integer in Chatwork's spec; a digit string is accepted too). */
export function readFileId(text: string, what: string): string {
  const value = parseJson(text, what)
  const id = isObject(value) ? value.file_id : undefined
  if (
    (typeof id === 'number' && Number.isSafeInteger(id)) ||
    (typeof id === 'string' && /^\d+$/.test(id))
  ) {
    return String(id)
  }
  throw invalid(what, 'has no file_id', text)
}

export function readFiles(text: string, what: string): ChatworkFile[] {
  const value = parseJson(text, what)
  const ok =
    Array.isArray(value) &&
    value.every(
      f =>
        isObject(f) &&
        typeof f.file_id === 'number' &&
        typeof f.filename === 'string' &&
        typeof f.filesize === 'number' &&
        isUnixTime(f.upload_time)
    )
  if (!ok) throw invalid(what, 'is not a list of files', text)
  return value as ChatworkFile[]
}

export function readMembers(text: string, what: string): Member[] {
  const value = parseJson(text, what)
  if (!Array.isArray(value) || !value.every(isMember)) {
    throw invalid(what, 'is not a list of members', text)
  }
  return value
}

/** Chatwork's `{"errors": [...]}` texts, or nothing when the body has none. */
export function readErrors(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text)
    if (isObject(value) && Array.isArray(value.errors)) {
      return value.errors.filter((e): e is string => typeof e === 'string')
    }
  } catch {
    // not JSON: an HTML page from a proxy, for instance
  }
  return []
}

/**
 * Every field the action reads, of its type: a field of another type is an invalid response
 * here, not a TypeError where it is used (a name printed, a time formatted).
 */
function isMessage(value: unknown): value is ChatworkMessage {
  return (
    isObject(value) &&
    typeof value.message_id === 'string' &&
    MESSAGE_ID.test(value.message_id) &&
    typeof value.body === 'string' &&
    isUnixTime(value.send_time) &&
    isObject(value.account) &&
    isAccountId(value.account.account_id) &&
    typeof value.account.name === 'string'
  )
}

function isMember(value: unknown): value is Member {
  return (
    isObject(value) &&
    isAccountId(value.account_id) &&
    typeof value.name === 'string' &&
    typeof value.role === 'string'
  )
}

function isAccountId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
}

/**
 * Unix seconds: a whole number. One past what a Date holds is still a time Chatwork could
 * write; the summary shows it as the number (see utcTime), so it does not cost the answer.
 */
function isUnixTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function invalid(what: string, problem: string, text: string): InvalidResponseError {
  return new InvalidResponseError(invalidResponse(what, problem, preview(text)))
}

/** The start of a body, on one line, for error messages. */
export function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat === '') return '(empty)'
  return JSON.stringify(flat.length > 120 ? `${flat.slice(0, 120)}...` : flat)
}
