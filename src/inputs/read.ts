/**
 * Reads and validates the inputs, in one place, before any request is sent: the ones every
 * mode has, then the ones of the mode asked for. An input that does not apply to that mode is
 * named in a warning and not read (so an invalid value there does not fail the step).
 * The inputs are read through source.ts, the one caller of `runner.getInput`.
 */
import * as runner from '../runner.js'
import { Input, MAX_FETCH_LIMIT, type Mode } from '../constants.js'
import { InputError } from '../errors.js'
import { maskProxyCredentials, readCommon, readToken, type CommonSettings } from './common.js'
import { readGate } from './gate.js'
import {
  readAccountMap,
  readAttachment,
  readMessage,
  readRecipients,
  readText
} from './message-inputs.js'
import { COMMON_INPUTS, MODE_INPUTS } from './mode-inputs.js'
import {
  parseBoolean,
  parseInteger,
  parseJobStatus,
  parseLanguage,
  parseMessageId,
  parseMode,
  parseOptionalMessageId,
  parseRoomIds
} from './parse.js'
import { input, isGiven, read } from './source.js'
import type {
  AskSettings,
  DeleteSettings,
  FetchSettings,
  SendSettings,
  Settings,
  TaskSettings,
  UpdateSettings
} from './settings.js'

export type * from './settings.js'
export { DEFAULTS } from './action-inputs.js'

export async function getSettings(): Promise<Settings> {
  const token = readToken()
  maskProxyCredentials()
  const mode = parseMode(read(Input.mode))
  warnAboutOtherInputs(mode)
  const common = readCommon(token)
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
