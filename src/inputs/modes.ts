/**
 * The modes, one entry each: the inputs it reads (as data: the reader warns about any other
 * input given, and the docs can list them per mode), how many rooms it takes, and how its
 * settings are read. The list of modes, their order in errors and the Settings type come from
 * here. test/mode-inputs.test.ts proves each mode reads every input it declares and no other.
 */
import { Input, type InputName } from '../constants.js'
import { InputError } from '../errors.js'
import { quote } from '../format.js'
import { readAccountMap, readMessageInputs, readRecipients } from './message-inputs.js'
import { askSettings } from './ask.js'
import { fetchSettings, sendSettings, taskSettings } from './mode-readers.js'
import { parseMessageId, parseRoomList } from './parse.js'
import type { CommonSettings, DeleteSettings, UpdateSettings } from './settings.js'
import { input } from './source.js'

/** The inputs every mode reads. */
const COMMON_INPUTS: readonly InputName[] = [
  Input.token,
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

/** An input a mode needs, or inputs of which it needs one (`message` or `message-file`). */
type Requirement = InputName | readonly [InputName, ...InputName[]]

interface ModeSpec {
  /** The inputs it reads besides COMMON_INPUTS and (unless `rooms` is 'none') `room-id`. */
  reads: readonly InputName[]
  /**
   * What it refuses to run without, besides `token` and `room-id` (action.yml can only say
   * `required: false`): the README's "required" column, and test/mode-inputs.test.ts checks
   * that the reader refuses each one missing.
   */
  requires?: readonly Requirement[]
  /** What `room-id` may list: one room, several, or none at all (api names it in api-path). */
  rooms: 'one' | 'several' | 'none'
  /** Its settings, read after the common ones; `roomIds` is empty when `rooms` is 'none'. */
  settings(common: CommonSettings, roomIds: string[]): Promise<{ mode: string }>
}

export const MODE_SPECS = {
  send: {
    reads: [
      ...MESSAGE_INPUTS,
      Input.file,
      Input.selfUnread,
      Input.replyTo,
      Input.language,
      Input.status
    ],
    rooms: 'several',
    settings: sendSettings
  },
  fetch: {
    reads: [Input.unreadOnly, Input.limit, ...GATE_INPUTS, Input.afterMessageId, Input.repliesTo],
    rooms: 'one',
    settings: (common, [roomId = '']) => fetchSettings(common, roomId)
  },
  update: {
    reads: [...MESSAGE_INPUTS, Input.messageId],
    requires: [[Input.message, Input.messageFile], Input.messageId],
    rooms: 'one',
    settings: async (common, [roomId = '']) =>
      ({
        ...common,
        mode: 'update',
        roomId,
        messageId: parseMessageId(input(Input.messageId), 'update'),
        ...(await readMessageInputs('update'))
      }) satisfies UpdateSettings
  },
  delete: {
    reads: [Input.messageId],
    requires: [Input.messageId],
    rooms: 'one',
    settings: async (common, [roomId = '']) =>
      ({
        ...common,
        mode: 'delete',
        roomId,
        messageId: parseMessageId(input(Input.messageId), 'delete')
      }) satisfies DeleteSettings
  },
  task: {
    reads: [...TEXT_INPUTS, Input.taskDue, Input.timeZone],
    requires: [[Input.message, Input.messageFile], Input.to],
    rooms: 'several',
    settings: taskSettings
  },
  'task-done': {
    reads: [Input.taskIds, Input.taskMatch, Input.to, Input.accountMap],
    requires: [[Input.taskIds, Input.taskMatch]],
    rooms: 'several',
    settings: async (common, roomIds) => {
      // Loaded only for this mode, like the task mode's own inputs.
      const { taskDoneSettings } = await import('./task-done.js')
      return taskDoneSettings(common, roomIds, await readRecipients(await readAccountMap()))
    }
  },
  api: {
    reads: [Input.apiMethod, Input.apiPath, Input.apiParams],
    requires: [Input.apiMethod, Input.apiPath],
    rooms: 'none',
    settings: async common => (await import('./api.js')).readApiSettings(common)
  },
  ask: {
    reads: [...MESSAGE_INPUTS, Input.language, ...GATE_INPUTS, Input.announceDecision],
    requires: [[Input.message, Input.messageFile]],
    rooms: 'one',
    settings: (common, [roomId = '']) => askSettings(common, roomId)
  }
} satisfies Record<string, ModeSpec>

export type Mode = keyof typeof MODE_SPECS
export const MODES = Object.keys(MODE_SPECS) as Mode[]
/** What the reader returns: the settings of one of the modes. */
export type Settings = Awaited<ReturnType<(typeof MODE_SPECS)[Mode]['settings']>>

/** Every input `mode` reads: the common ones, `room-id` if it takes a room, its own. */
export function declaredInputs(mode: Mode): InputName[] {
  const spec: ModeSpec = MODE_SPECS[mode]
  return [...COMMON_INPUTS, ...(spec.rooms === 'none' ? [] : [Input.roomId]), ...spec.reads]
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

/** One room id, or for a mode whose `rooms` is 'several' several, separated by commas or newlines. */
export function parseRoomIds(value: string, mode: Mode): string[] {
  const ids = parseRoomList(value)
  if (ids.length === 0) {
    throw new InputError(
      `Input '${Input.roomId}' is required for mode '${mode}': the room's numeric id, the digits after '#!rid' in the room's web URL.`
    )
  }
  if (ids.length > 1 && MODE_SPECS[mode].rooms !== 'several') {
    const several = MODES.filter(m => MODE_SPECS[m].rooms === 'several').map(m => `'${m}'`)
    throw new InputError(
      `Input '${Input.roomId}' lists ${ids.length} rooms (${quote(value)}); mode '${mode}' takes exactly one room. Only ${several.slice(0, -1).join(', ')} and ${several.at(-1)} work in several rooms.`
    )
  }
  return ids
}

/** What `mode` refuses to run without: `room-id` unless it takes none, then its own. */
export function requiredInputs(mode: Mode): readonly Requirement[] {
  const spec: ModeSpec = MODE_SPECS[mode]
  return [...(spec.rooms === 'none' ? [] : [Input.roomId]), ...(spec.requires ?? [])]
}
