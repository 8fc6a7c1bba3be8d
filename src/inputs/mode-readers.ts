/**
 * The settings of send, task and fetch, from their inputs (src/inputs/modes.ts declares
 * which inputs each reads and calls these).
 */
import * as runner from '../runner.js'
import { realClock } from '../clock.js'
import { Input, MAX_LISTED } from '../constants.js'
import { InputError } from '../errors.js'
import { readGate } from './gate.js'
import {
  readAccountMap,
  readAttachment,
  readMessageInputs,
  readRecipients,
  readText
} from './message-inputs.js'
import {
  parseBoolean,
  parseInteger,
  parseJobStatus,
  parseLanguage,
  parseOptionalMessageId
} from './parse.js'
import type { CommonSettings, FetchSettings, SendSettings, TaskSettings } from './settings.js'
import { input, read } from './source.js'

export async function sendSettings(
  common: CommonSettings,
  roomIds: string[]
): Promise<SendSettings> {
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
    ...(await readMessageInputs('send', { optional: true })),
    file,
    selfUnread: parseBoolean(Input.selfUnread, read(Input.selfUnread)),
    replyTo: replyTo || undefined,
    language: parseLanguage(read(Input.language)),
    status: parseJobStatus(input(Input.status))
  }
}

export async function taskSettings(
  common: CommonSettings,
  roomIds: string[]
): Promise<TaskSettings> {
  const text = await readText('task')
  const assignees = await readRecipients(text.accountMap)
  if (assignees.length === 0) {
    const mapped = text.accountMap && input(Input.to).trim() !== ''
    throw new InputError(
      mapped
        ? `Input '${Input.to}' has no one to assign the task to: none of its logins are in '${Input.accountMap}' (see the warning above).`
        : `Input '${Input.to}' is required for mode 'task': the account ids (or, with '${Input.accountMap}', GitHub logins) of the people to assign the task to.`
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
    deadline: parseTaskDue(input(Input.taskDue), timeZone, realClock.now(), message =>
      runner.warning(message)
    )
  }
}

export async function fetchSettings(
  common: CommonSettings,
  roomId: string
): Promise<FetchSettings> {
  return {
    ...common,
    mode: 'fetch',
    roomId,
    unreadOnly: parseBoolean(Input.unreadOnly, read(Input.unreadOnly)),
    count: parseInteger(Input.limit, read(Input.limit), 1, MAX_LISTED),
    gate: await readGate(await readAccountMap())
  }
}
