/**
 * The inputs of `mode: task-done`: `task-ids` (a JSON array, the object `mode: task` outputs for
 * several rooms, or a list) and `task-match` (a pattern). Loaded only for that mode.
 */
import * as runner from '../runner.js'
import { Input, Output } from '../constants.js'
import { InputError, messageOf } from '../errors.js'
import { quote } from '../format.js'
import { buildTemplateContext } from './github-context.js'
import { splitList } from './parse.js'
import { compilePattern } from './pattern.js'
import { input } from './source.js'
import type { CommonSettings, TaskDoneSettings } from './settings.js'

/** Task ids are digits, at most 20 (as Chatwork's answers are read, see chatwork/tasks.ts). */
const TASK_ID = /^\d{1,20}$/
const EXPECTED = `expected task ids (digits): a JSON array such as the '${Output.taskIds}' output of a 'task' step, that output's object of rooms for several rooms, or ids separated by commas or newlines`

export async function taskDoneSettings(
  common: CommonSettings,
  roomIds: string[],
  assignees: string[]
): Promise<TaskDoneSettings> {
  const taskIds = await parseTaskIds(input(Input.taskIds), roomIds)
  const value = input(Input.taskMatch, { trimWhitespace: false })
  // The event's text, to refuse it pasted into the pattern (see pasted-pattern.ts).
  const match =
    value === ''
      ? undefined
      : await compilePattern(
          Input.taskMatch,
          value,
          buildTemplateContext(new runner.Context(), process.env).github
        )
  if (taskIds.size === 0 && !match) {
    throw new InputError(
      `Mode 'task-done' needs '${Input.taskIds}' (the ids to mark done, e.g. \${{ steps.task.outputs.task-ids }}) or '${Input.taskMatch}' (a pattern for the bodies of the open tasks to mark done), or both.`
    )
  }
  if (assignees.length > 0 && !match) {
    runner.warning(
      `Input '${Input.to}' narrows only '${Input.taskMatch}', which is empty; every task in '${Input.taskIds}' is marked done.`
    )
  }
  return { ...common, mode: 'task-done', roomIds, taskIds, match, assignees }
}

/** Room id → task ids; empty without ids. A plain list belongs to the only room. */
export async function parseTaskIds(
  value: string,
  roomIds: string[]
): Promise<Map<string, string[]>> {
  const text = value.trim()
  if (text === '') return new Map()
  if (!text.startsWith('[') && !text.startsWith('{')) {
    return inOneRoom(value, roomIds, splitList(text).map(checkId(value)))
  }
  const parsed = await parseExact(value, text)
  if (Array.isArray(parsed)) return inOneRoom(value, roomIds, parsed.map(checkId(value)))
  if (parsed === null || typeof parsed !== 'object') throw invalid(value, 'not JSON of ids')
  const byRoom = new Map<string, string[]>()
  for (const [roomId, ids] of Object.entries(parsed)) {
    if (!roomIds.includes(roomId)) {
      throw new InputError(
        `Input '${Input.taskIds}' names room ${quote(roomId)}, which is not in '${Input.roomId}' (${roomIds.join(', ')}); list every room of the tasks in '${Input.roomId}'.`
      )
    }
    if (!Array.isArray(ids)) throw invalid(value, `room ${roomId} has no array of ids`)
    addIds(byRoom, roomId, ids.map(checkId(value)))
  }
  return byRoom
}

/** JSON with every integer kept as its digits (task ids are past 2^53). */
async function parseExact(value: string, text: string): Promise<unknown> {
  const { parse } = await import('lossless-json')
  try {
    // Every number as the digits written: checkId then refuses anything but an integer.
    return parse(text, null, digits => digits)
  } catch (error) {
    throw invalid(value, `not valid JSON: ${messageOf(error)}`)
  }
}

function inOneRoom(value: string, roomIds: string[], ids: string[]): Map<string, string[]> {
  if (roomIds.length > 1) {
    throw new InputError(
      `Input '${Input.taskIds}' is ${quote(value)}, a list without rooms, and '${Input.roomId}' lists ${roomIds.length} rooms; a task id belongs to one room. Pass the object that a 'task' step outputs for several rooms ({"room id": ["task id"]}), or one room.`
    )
  }
  const byRoom = new Map<string, string[]>()
  if (ids.length > 0) addIds(byRoom, roomIds[0] ?? '', ids)
  return byRoom
}

function addIds(byRoom: Map<string, string[]>, roomId: string, ids: string[]): void {
  if (ids.length > 0) byRoom.set(roomId, [...new Set([...(byRoom.get(roomId) ?? []), ...ids])])
}

function checkId(value: string): (id: unknown) => string {
  return id => {
    const text = typeof id === 'string' ? id.trim() : undefined
    if (text === undefined || !TASK_ID.test(text)) {
      throw invalid(value, `${quote(typeof id === 'string' ? id : JSON.stringify(id))} is not one`)
    }
    return text
  }
}

function invalid(value: string, problem: string): InputError {
  return new InputError(`Input '${Input.taskIds}' is ${quote(value)} (${problem}); ${EXPECTED}.`)
}
