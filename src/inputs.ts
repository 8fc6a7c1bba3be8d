/**
 * Reads and validates every input, in one place, before any request is sent.
 * Nothing else in the action calls `core.getInput`.
 */
import * as core from './runner.js'
import {
  Input,
  MAX_FETCH_LIMIT,
  MAX_FILE_BYTES,
  MODES,
  ROLES,
  type Mode,
  type Role
} from './constants.js'
import { InputError } from './errors.js'
import { readJobFile } from './files.js'
import { compilePattern, type Pattern } from './pattern.js'
import { quote } from './quote.js'

/** Everything the action was asked to do, validated. */
export interface Settings {
  /** Chatwork API token, sent as `X-ChatWorkToken`. Masked as soon as it is read. */
  token: string
  /** The rooms' numeric ids, kept as digit strings; several only for `send`. */
  roomIds: string[]
  mode: Mode
  /** The message template (LiquidJS) and the input it came from, for error messages. */
  template: Template | undefined
  /** A title template: the message is wrapped in `[info][title]…[/title]…[/info]`. */
  title: Template | undefined
  /** Account ids mentioned with `[To:id]` at the start of the message. */
  to: string[]
  /** `[toall]` at the start of the message. */
  toAll: boolean
  /** update and delete: the message to change, a digit string. */
  messageId: string
  /** send: a file to upload with the message. */
  file: Attachment | undefined
  /** Render and validate, print the requests, send nothing. */
  dryRun: boolean
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
  /** fetch: which messages count, and how long to wait for one. */
  gate: Gate
}

/** fetch as a workflow gate: filters, and waiting for a message that passes them. */
export interface Gate {
  /** Tested against each body; with no `fromAccountIds`, the token's own messages never count. */
  match: Pattern | undefined
  /** Only messages from these accounts count (empty: any account). */
  fromAccountIds: string[]
  /** A message that ends the wait at once as a rejection; tested before `match`. */
  rejectMatch: Pattern | undefined
  /** Only messages from accounts with one of these roles in the room count (empty: any). */
  fromRoles: Role[]
  /** Only messages newer than this id count (empty: all). */
  afterMessageId: string
  /** Only replies (`[rp … to={room}-{id}]`) to this message count (empty: any message). */
  repliesTo: string
  /** How many distinct accounts must approve. */
  minApprovals: number
  /** 0: look once. Otherwise poll until a message passes the filters or this time is up. */
  waitMs: number
  pollMs: number
  /** Fail the step when nothing passes the filters. */
  failOnNoMatch: boolean
}

export interface Template {
  text: string
  /** The input it came from: `message`, `message-file` or `title`. */
  input: string
}

/** A file to upload, read once when the inputs are read (see files.ts). */
export interface Attachment {
  /** The file's name as Chatwork shows it. */
  name: string
  content: Buffer
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
  [Input.failOnError]: 'true',
  [Input.toAll]: 'false',
  [Input.dryRun]: 'false',
  [Input.waitTimeoutSeconds]: '0',
  [Input.pollIntervalSeconds]: '10',
  [Input.failOnNoMatch]: 'false',
  [Input.minApprovals]: '1'
} as const

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])
/** The longest per-request timeout accepted: a step should not hang for more than 10 minutes. */
const MAX_TIMEOUT_SECONDS = 600
const MAX_RETRIES = 20
/** A job may run for at most 6 hours on GitHub-hosted runners. */
const MAX_WAIT_SECONDS = 6 * 60 * 60
const MAX_POLL_SECONDS = 3600
/** More approvers than a room could sensibly gather is a typo. */
const MAX_APPROVALS = 50
/** Modes that change one existing message. */
const EDIT_MODES: readonly Mode[] = ['update', 'delete']

export async function getSettings(): Promise<Settings> {
  const token = readToken()
  const mode = parseMode(read(Input.mode))
  const roomIds = parseRoomIds(core.getInput(Input.roomId), mode)
  const file = mode === 'send' ? readAttachment() : refuseFor(Input.file, mode)
  const template = readTemplate()
  if (!template && (mode === 'update' || (mode === 'send' && !file))) {
    throw new InputError(
      `Input '${Input.message}' (or '${Input.messageFile}') is required for mode '${mode}'.`
    )
  }
  const title = core.getInput(Input.title, { trimWhitespace: false })
  return {
    token,
    roomIds,
    mode,
    template,
    title: title.trim() ? { text: title, input: Input.title } : undefined,
    to: parseAccountIds(Input.to, core.getInput(Input.to)),
    toAll: parseBoolean(Input.toAll, read(Input.toAll)),
    messageId: EDIT_MODES.includes(mode)
      ? parseMessageId(core.getInput(Input.messageId), mode)
      : '',
    file,
    dryRun: parseBoolean(Input.dryRun, read(Input.dryRun)),
    apiBaseUrl: parseBaseUrl(read(Input.apiBaseUrl)),
    unreadOnly: parseBoolean(Input.unreadOnly, read(Input.unreadOnly)),
    limit: parseInteger(Input.limit, read(Input.limit), 1, MAX_FETCH_LIMIT),
    selfUnread: parseBoolean(Input.selfUnread, read(Input.selfUnread)),
    timeoutMs:
      parseInteger(Input.timeoutSeconds, read(Input.timeoutSeconds), 1, MAX_TIMEOUT_SECONDS) * 1000,
    retries: parseInteger(Input.retries, read(Input.retries), 0, MAX_RETRIES),
    failOnError: parseBoolean(Input.failOnError, read(Input.failOnError)),
    gate: await readGate(mode)
  }
}

async function readGate(mode: Mode): Promise<Gate> {
  const pattern = (name: string) =>
    mode === 'fetch'
      ? compilePattern(name, core.getInput(name, { trimWhitespace: false }))
      : Promise.resolve(undefined)
  return {
    match: await pattern(Input.match),
    rejectMatch: await pattern(Input.rejectMatch),
    fromAccountIds: parseAccountIds(Input.fromAccountIds, core.getInput(Input.fromAccountIds)),
    fromRoles: parseRoles(core.getInput(Input.fromRoles)),
    afterMessageId: parseOptionalMessageId(
      Input.afterMessageId,
      core.getInput(Input.afterMessageId)
    ),
    repliesTo: parseOptionalMessageId(Input.repliesTo, core.getInput(Input.repliesTo)),
    minApprovals: parseInteger(Input.minApprovals, read(Input.minApprovals), 1, MAX_APPROVALS),
    waitMs:
      parseInteger(Input.waitTimeoutSeconds, read(Input.waitTimeoutSeconds), 0, MAX_WAIT_SECONDS) *
      1000,
    pollMs:
      parseInteger(
        Input.pollIntervalSeconds,
        read(Input.pollIntervalSeconds),
        1,
        MAX_POLL_SECONDS
      ) * 1000,
    failOnNoMatch: parseBoolean(Input.failOnNoMatch, read(Input.failOnNoMatch))
  }
}

/** An optional message id: empty, or digits (compared as big integers, never as Numbers). */
export function parseOptionalMessageId(name: string, value: string): string {
  if (value && !/^\d{1,20}$/.test(value)) {
    throw new InputError(
      `Input '${name}' is ${quote(value)}; expected a Chatwork message id (digits only), e.g. the 'message-id' output of the step that asked.`
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

/** One room id, or for `send` several, separated by commas or newlines. */
export function parseRoomIds(value: string, mode: Mode): string[] {
  const items = splitList(value)
  const ids = [...new Set(items.map(item => parseRoomId(item, items.length > 1 ? 'has' : 'is')))]
  if (ids.length === 0) {
    throw new InputError(
      `Input '${Input.roomId}' is required: the room's numeric id, the digits after '#!rid' in the room's web URL.`
    )
  }
  if (ids.length > 1 && mode !== 'send') {
    throw new InputError(
      `Input '${Input.roomId}' lists ${ids.length} rooms (${quote(value)}); mode '${mode}' takes exactly one room. Only 'send' posts to several rooms.`
    )
  }
  return ids
}

export function parseRoomId(value: string, verb: 'is' | 'has' = 'is'): string {
  if (/^[1-9]\d*$/.test(value)) return value
  const fromUrl = /rid(\d+)/.exec(value)
  const hint = fromUrl
    ? ` It looks like a Chatwork URL: use the digits after '#!rid', i.e. ${quote(fromUrl[1] ?? '')}.`
    : " Find it in the room's web URL: the digits after '#!rid'."
  throw new InputError(
    `Input '${Input.roomId}' ${verb} ${quote(value)}; expected the room's numeric id (digits only).${hint}`
  )
}

/** Account ids, separated by commas or newlines. */
export function parseAccountIds(name: string, value: string): string[] {
  const ids = splitList(value)
  const bad = ids.find(id => !/^[1-9]\d*$/.test(id))
  if (bad !== undefined) {
    throw new InputError(
      `Input '${name}' has ${quote(bad)}; expected Chatwork account ids (digits only), separated by commas or newlines.`
    )
  }
  return [...new Set(ids)]
}

export function parseMessageId(value: string, mode: Mode): string {
  const trimmed = value.trim()
  if (trimmed === '') {
    throw new InputError(
      `Input '${Input.messageId}' is required for mode '${mode}': the id of the message, e.g. the 'message-id' output of the step that sent it.`
    )
  }
  if (!/^\d+$/.test(trimmed)) {
    throw new InputError(
      `Input '${Input.messageId}' is ${quote(value)}; expected a Chatwork message id (digits only), e.g. '1928374655918273645'.`
    )
  }
  return trimmed
}

/** `message-file` is refused over 1 MB, before it is read. */
export const MAX_MESSAGE_FILE_BYTES = 1024 * 1024

/** The message template from `message` or from the file `message-file` names; not both. */
function readTemplate(): Template | undefined {
  const message = core.getInput(Input.message, { trimWhitespace: false })
  const messageFile = core.getInput(Input.messageFile)
  if (message.trim() && messageFile) {
    throw new InputError(
      `Inputs '${Input.message}' and '${Input.messageFile}' are both set; use one of them.`
    )
  }
  if (messageFile) {
    const { content } = readJobFile(
      Input.messageFile,
      messageFile,
      MAX_MESSAGE_FILE_BYTES,
      'a message file may have at most 1 MB'
    )
    const text = content.toString('utf8')
    if (!text.trim()) {
      throw new InputError(
        `Input '${Input.messageFile}' is ${quote(messageFile)}: the file is empty.`
      )
    }
    return { text, input: Input.messageFile }
  }
  return message.trim() ? { text: message, input: Input.message } : undefined
}

function readAttachment(): Attachment | undefined {
  const value = core.getInput(Input.file)
  if (!value) return undefined
  const file = readJobFile(Input.file, value, MAX_FILE_BYTES, 'Chatwork accepts files up to 5 MB')
  if (file.content.length === 0) {
    throw new InputError(`Input '${Input.file}' is ${quote(value)}: the file is empty.`)
  }
  return { name: file.name, content: file.content }
}

function refuseFor(name: string, mode: Mode): undefined {
  if (core.getInput(name)) {
    throw new InputError(`Input '${name}' works only with mode 'send', not '${mode}'.`)
  }
  return undefined
}

function splitList(value: string): string[] {
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
