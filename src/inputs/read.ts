/**
 * Reads and validates the inputs, in one place, before any request is sent: the ones every
 * mode has, then the ones of the mode asked for. An input that does not apply to that mode is
 * named in a warning and not read (so an invalid value there does not fail the step).
 * The inputs are read through source.ts, the one caller of `runner.getInput`.
 */
import * as runner from '../runner.js'
import type { AccountMap } from './recipients.js'
import {
  Input,
  MAX_FETCH_LIMIT,
  MAX_FILE_BYTES,
  type InputName,
  type Mode
} from '../constants.js'
import { InputError } from '../errors.js'
import { readJobFile } from './files.js'
import { input, isGiven, read } from './source.js'
import { readGate } from './gate.js'
import {
  parseBaseUrl,
  parseBoolean,
  isAccountId,
  parseInteger,
  parseJobStatus,
  parseLanguage,
  parseMessageId,
  parseMode,
  parseOptionalMessageId,
  parseProxy,
  parseRoomIds,
  splitList
} from './parse.js'
import { quote } from '../format.js'
import { PROXY_VARIABLES, proxySecrets } from './proxy-credentials.js'
import type {
  AskSettings,
  Attachment,
  DeleteSettings,
  FetchSettings,
  MessageSpec,
  MessageText,
  SendSettings,
  Settings,
  TaskSettings,
  Template,
  UpdateSettings
} from './settings.js'

export type * from './settings.js'
export { DEFAULTS } from './action-inputs.js'

/** The longest per-request timeout accepted: a step should not hang for more than 10 minutes. */
const MAX_TIMEOUT_SECONDS = 600
const MAX_RETRIES = 20
/** The inputs each mode reads, besides the ones every mode reads. */
const COMMON_INPUTS: readonly InputName[] = [
  Input.token,
  Input.roomId,
  Input.mode,
  Input.apiBaseUrl,
  Input.timeoutSeconds,
  Input.retries,
  Input.failOnError,
  Input.dryRun,
  Input.proxy
]
const TEXT_INPUTS = [Input.message, Input.messageFile, Input.title, Input.to, Input.accountMap]
const MESSAGE_INPUTS = [...TEXT_INPUTS, Input.toAll]
/** What the gate reads in fetch and ask. */
const GATE_INPUTS = [
  Input.match,
  Input.rejectMatch,
  Input.fromAccountIds,
  Input.fromRoles,
  Input.minApprovals,
  Input.waitTimeoutSeconds,
  Input.pollIntervalSeconds,
  Input.failOnNoMatch,
  Input.failOnReject,
  Input.accountMap,
  Input.excludeInitiator
]
const MODE_INPUTS: Record<Mode, readonly InputName[]> = {
  send: [
    ...MESSAGE_INPUTS,
    Input.file,
    Input.selfUnread,
    Input.replyTo,
    Input.language,
    Input.status
  ],
  update: [...MESSAGE_INPUTS, Input.messageId],
  task: [...TEXT_INPUTS, Input.taskDue, Input.timeZone],
  delete: [Input.messageId],
  'task-done': [Input.taskIds, Input.taskMatch, Input.to, Input.accountMap],
  fetch: [
    Input.unreadOnly,
    Input.limit,
    Input.match,
    Input.rejectMatch,
    Input.fromAccountIds,
    Input.fromRoles,
    Input.afterMessageId,
    Input.repliesTo,
    Input.minApprovals,
    Input.waitTimeoutSeconds,
    Input.pollIntervalSeconds,
    Input.failOnNoMatch,
    Input.accountMap,
    Input.excludeInitiator,
    Input.failOnReject
  ],
  api: [Input.apiMethod, Input.apiPath, Input.apiParams],
  ask: [...MESSAGE_INPUTS, Input.language, ...GATE_INPUTS, Input.announceDecision]
}

export async function getSettings(): Promise<Settings> {
  const token = readToken()
  maskProxyCredentials()
  const mode = parseMode(read(Input.mode))
  warnAboutOtherInputs(mode)
  const common = {
    token,
    apiBaseUrl: parseBaseUrl(read(Input.apiBaseUrl)),
    timeoutMs:
      parseInteger(Input.timeoutSeconds, read(Input.timeoutSeconds), 1, MAX_TIMEOUT_SECONDS) * 1000,
    retries: parseInteger(Input.retries, read(Input.retries), 0, MAX_RETRIES),
    failOnError: parseBoolean(Input.failOnError, read(Input.failOnError)),
    dryRun: parseBoolean(Input.dryRun, read(Input.dryRun)),
    proxy: parseProxy(input(Input.proxy))
  }
  // `api` names its room (if any) in `api-path`; every other mode needs `room-id`.
  if (mode === 'api') return (await import('./api.js')).readApiSettings(common)
  const roomIds = parseRoomIds(input(Input.roomId), mode)
  const roomId = roomIds[0] ?? ''
  switch (mode) {
    case 'send':
      return sendSettings(common, roomIds)
    case 'task':
      return taskSettings(common, roomIds)
    case 'update':
      return {
        ...common,
        mode,
        roomId,
        messageId: readMessageId(mode),
        ...(await readMessage(mode))
      } satisfies UpdateSettings
    case 'delete':
      return { ...common, mode, roomId, messageId: readMessageId(mode) } satisfies DeleteSettings
    case 'fetch':
      return fetchSettings(common, roomId)
    case 'task-done': {
      // Loaded only for this mode, like the task mode's own inputs.
      const { taskDoneSettings } = await import('./task-done.js')
      return taskDoneSettings(common, roomIds, await readRecipients(await readAccountMap()))
    }
    case 'ask':
      return askSettings(common, roomId)
  }
}

/** ask: the question (required), then the gate; its anchor is the question, once posted. */
async function askSettings(common: CommonSettings, roomId: string): Promise<AskSettings> {
  return {
    ...common,
    mode: 'ask',
    roomId,
    ...(await readMessage('ask')),
    language: parseLanguage(read(Input.language)),
    gate: await readGate(await readAccountMap(), true),
    announceDecision: parseBoolean(Input.announceDecision, read(Input.announceDecision))
  }
}

type CommonSettings = Omit<DeleteSettings, 'mode' | 'roomId' | 'messageId'>

async function sendSettings(common: CommonSettings, roomIds: string[]): Promise<SendSettings> {
  const replyTo = parseOptionalMessageId(Input.replyTo, input(Input.replyTo))
  if (replyTo && roomIds.length > 1) {
    throw new InputError(
      `Input '${Input.replyTo}' is set and '${Input.roomId}' lists ${roomIds.length} rooms (${roomIds.join(', ')}); a message id belongs to one room. Reply in one room per step.`
    )
  }
  const file = readAttachment()
  return {
    ...common,
    mode: 'send',
    roomIds,
    // Without a message, a file goes alone and a message is the default for the event.
    ...(await readMessage('send', true)),
    file,
    selfUnread: parseBoolean(Input.selfUnread, read(Input.selfUnread)),
    replyTo: replyTo || undefined,
    language: parseLanguage(read(Input.language)),
    status: parseJobStatus(input(Input.status))
  }
}

async function taskSettings(common: CommonSettings, roomIds: string[]): Promise<TaskSettings> {
  const text = await readText('task')
  const assignees = await readRecipients(text.accountMap)
  if (assignees.length === 0) {
    const mapped = text.accountMap && input(Input.to).trim() !== ''
    throw new InputError(
      mapped
        ? `Input '${Input.to}' has no one to assign the task to: none of its logins are in 'account-map' (see the warning above).`
        : `Input '${Input.to}' is required for mode 'task': the account ids (or, with 'account-map', GitHub logins) of the people to assign the task to.`
    )
  }
  const { parseTaskDue, parseTimeZone } = await import('./due.js')
  const timeZone = parseTimeZone(read(Input.timeZone))
  return {
    ...common,
    mode: 'task',
    roomIds,
    ...text,
    assignees,
    timeZone,
    limit: parseTaskDue(input(Input.taskDue), timeZone, Date.now())
  }
}

async function fetchSettings(common: CommonSettings, roomId: string): Promise<FetchSettings> {
  return {
    ...common,
    mode: 'fetch',
    roomId,
    unreadOnly: parseBoolean(Input.unreadOnly, read(Input.unreadOnly)),
    limit: parseInteger(Input.limit, read(Input.limit), 1, MAX_FETCH_LIMIT),
    gate: await readGate(await readAccountMap())
  }
}

/** The message of send and update; `optional` for send (a file alone, or the default). */
async function readMessage(mode: Mode, optional = false): Promise<MessageSpec> {
  const text = await readText(mode, optional)
  return {
    ...text,
    to: await readRecipients(text.accountMap),
    toAll: parseBoolean(Input.toAll, read(Input.toAll))
  }
}

/** The template, the title and the account map: what send, update and task have in common. */
async function readText(mode: Mode, optional = false): Promise<MessageText> {
  const template = readTemplate()
  if (!template && !optional) {
    throw new InputError(
      `Input '${Input.message}' (or '${Input.messageFile}') is required for mode '${mode}'.`
    )
  }
  const title = input(Input.title, { trimWhitespace: false })
  return {
    template,
    title: title.trim() ? { text: title, input: Input.title } : undefined,
    accountMap: await readAccountMap()
  }
}

/** `account-map`, parsed by a module loaded only when the input is set. */
async function readAccountMap(): Promise<AccountMap | undefined> {
  const value = input(Input.accountMap, { trimWhitespace: false })
  if (value.trim() === '') return undefined
  const { parseAccountMap } = await import('./account-map.js')
  return parseAccountMap(value)
}

/**
 * `to`: account ids, and with `account-map`, GitHub logins (resolved by a module loaded only
 * then, or to explain a login given without a map).
 */
async function readRecipients(map: AccountMap | undefined): Promise<string[]> {
  const items = splitList(input(Input.to))
  if (!map && items.every(isAccountId)) return [...new Set(items)]
  const { resolveRecipients } = await import('./recipients.js')
  return resolveRecipients(items, map, message => runner.warning(message))
}

function readMessageId(mode: Mode): string {
  return parseMessageId(input(Input.messageId), mode)
}

/** Names, in one warning, the inputs set to something other than their default that `mode` does not read. */
function warnAboutOtherInputs(mode: Mode): void {
  const reads = new Set([...COMMON_INPUTS, ...MODE_INPUTS[mode]])
  const ignored = Object.values(Input).filter(name => !reads.has(name) && isGiven(name))
  if (ignored.length > 0) {
    const list = ignored.map(name => `'${name}'`).join(', ')
    runner.warning(
      `Input${ignored.length > 1 ? 's' : ''} ${list} ${ignored.length > 1 ? 'do' : 'does'} not apply to mode '${mode}' and ${ignored.length > 1 ? 'are' : 'is'} ignored.`
    )
  }
}

/**
 * The credentials of the `proxy` input and of the environment's proxies (HTTPS_PROXY,
 * HTTP_PROXY, which @actions/http-client reads when the input is empty) are masked at once,
 * like the token: the whole user name and password, in every form they could be printed.
 */
function maskProxyCredentials(): void {
  const values = [input(Input.proxy), ...PROXY_VARIABLES.map(name => process.env[name])]
  const secrets = new Set(values.flatMap(value => (value ? proxySecrets(value) : [])))
  for (const secret of secrets) runner.setSecret(secret)
}

function readToken(): string {
  const token = input(Input.token)
  if (token) runner.setSecret(token)
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

/** `message-file` is refused over 1 MB, before it is read. */
const MAX_MESSAGE_FILE_BYTES = 1024 * 1024

/** The message template from `message` or from the file `message-file` names; not both. */
function readTemplate(): Template | undefined {
  const message = input(Input.message, { trimWhitespace: false })
  const messageFile = input(Input.messageFile)
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
  const value = input(Input.file)
  if (!value) return undefined
  const file = readJobFile(Input.file, value, MAX_FILE_BYTES, 'Chatwork accepts files up to 5 MB')
  if (file.content.length === 0) {
    throw new InputError(`Input '${Input.file}' is ${quote(value)}: the file is empty.`)
  }
  return { name: file.name, content: file.content }
}
