/**
 * Shapes of Chatwork's answers (shared/chatwork-api.md §3) and checks that an answer has them.
 * A message id is a string of digits (19 digits today): it is never converted to a Number.
 */
import { InvalidResponseError } from '../errors.js'

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

/** Parses a JSON body; anything else is an InvalidResponseError that shows the body's start. */
export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    throw invalid(what, 'is not JSON', text)
  }
}

/**
 * `{"message_id": "..."}`. A number instead of a string would have lost digits in JSON.parse,
 * so the digits are then read from the text itself.
 */
export function readMessageId(text: string, what: string): string {
  const value = parseJson(text, what)
  const id = isObject(value) ? value.message_id : undefined
  if (typeof id === 'string' && /^\d+$/.test(id)) return id
  if (typeof id === 'number') {
    const digits = /"message_id"\s*:\s*(\d+)/.exec(text)?.[1]
    if (digits) return digits
  }
  throw invalid(what, 'has no message_id', text)
}

export function readMessages(text: string, what: string): ChatworkMessage[] {
  const value = parseJson(text, what)
  if (!Array.isArray(value) || !value.every(isMessage)) {
    throw invalid(what, 'is not a list of messages', text)
  }
  return value
}

export function readMe(text: string, what: string): Me {
  const value = parseJson(text, what)
  if (!isObject(value) || typeof value.account_id !== 'number') {
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
        typeof f.upload_time === 'number'
    )
  if (!ok) throw invalid(what, 'is not a list of files', text)
  return value as ChatworkFile[]
}

export function readMembers(text: string, what: string): Member[] {
  const value = parseJson(text, what)
  if (!Array.isArray(value) || !value.every(m => isObject(m) && typeof m.account_id === 'number')) {
    throw invalid(what, 'is not a list of members', text)
  }
  return value as Member[]
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

function isMessage(value: unknown): value is ChatworkMessage {
  return (
    isObject(value) &&
    typeof value.message_id === 'string' &&
    /^\d+$/.test(value.message_id) &&
    typeof value.body === 'string' &&
    typeof value.send_time === 'number' &&
    isObject(value.account) &&
    typeof value.account.account_id === 'number'
  )
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function invalid(what: string, problem: string, text: string): InvalidResponseError {
  return new InvalidResponseError(
    `Chatwork's response to ${what} was invalid: it ${problem}. It starts with: ${preview(text)}`
  )
}

/** The start of a body, on one line, for error messages. */
export function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat === '') return '(empty)'
  return JSON.stringify(flat.length > 120 ? `${flat.slice(0, 120)}...` : flat)
}
