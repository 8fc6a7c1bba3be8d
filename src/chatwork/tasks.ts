/**
 * Chatwork's answers about tasks. A task id is an integer in Chatwork's spec, and ids outgrow
 * 2^53 like message ids did: JSON.parse would round them. These answers are read with
 * lossless-json, which hands every number over as the digits written, loaded only by the task
 * mode (a send never parses a task).
 */
import { isObject, invalid, parseJson } from './answers.js'

export type DeadlineType = 'none' | 'date' | 'time'

export interface ChatworkTask {
  /** All the digits Chatwork wrote. */
  task_id: string
  /** The assignee. */
  account_id: string
  assigned_by_account_id: string
  /** The message that announced the task. */
  message_id: string
  body: string
  /** Unix seconds; 0 without a deadline. */
  limit_time: number
  limit_type: string
}

/** Task ids: digits, at most 20 (like message ids). */
const TASK_ID = /^\d{1,20}$/

/** The two readers, sync once the parser is loaded (the engine calls readers synchronously). */
interface TaskReaders {
  readTaskIds(text: string, what: string): string[]
  readTasks(text: string, what: string): ChatworkTask[]
  /** GET /rooms/{room}/tasks/{id}: the task's `status` (`open`, `done`). */
  readTaskStatus(text: string, what: string): string
}

let readers: Promise<TaskReaders> | undefined

export function taskReaders(): Promise<TaskReaders> {
  readers ??= import('lossless-json').then(({ parse, isInteger }) => {
    // Integers stay digit strings; anything else is a plain number.
    const exact = (text: string): unknown =>
      parse(text, null, value => (isInteger(value) ? value : Number(value)))
    return {
      readTaskIds: (text, what) => readTaskIds(parseJson(text, what, exact), text, what),
      readTasks: (text, what) => readTasks(parseJson(text, what, exact), text, what),
      readTaskStatus: (text, what) => readTaskStatus(parseJson(text, what, exact), text, what)
    }
  })
  return readers
}

/** `{"task_ids": [1, 2]}`: one id per assignee, as digit strings. */
function readTaskIds(value: unknown, text: string, what: string): string[] {
  const ids = isObject(value) ? value.task_ids : undefined
  if (Array.isArray(ids) && ids.length > 0 && ids.every(isId)) return ids
  throw invalid(what, 'has no valid task_ids (a list of ids, digits, at most 20)', text)
}

function readTaskStatus(value: unknown, text: string, what: string): string {
  const status = isObject(value) ? value.status : undefined
  if (status === 'open' || status === 'done') return status
  throw invalid(what, "has no task status ('open' or 'done')", text)
}

function readTasks(value: unknown, text: string, what: string): ChatworkTask[] {
  if (!Array.isArray(value)) throw invalid(what, 'is not a list of tasks', text)
  return value.map(item => {
    const task = readTask(item)
    if (!task) throw invalid(what, 'is not a list of tasks', text)
    return task
  })
}

function readTask(item: unknown): ChatworkTask | undefined {
  if (!isObject(item) || !isObject(item.account) || !isObject(item.assigned_by_account)) {
    return undefined
  }
  const { task_id, message_id, body, limit_time, limit_type } = item
  const account = item.account.account_id
  const by = item.assigned_by_account.account_id
  if (
    !isId(task_id) ||
    !isId(account) ||
    !isId(by) ||
    !isId(message_id) ||
    typeof body !== 'string'
  ) {
    return undefined
  }
  return {
    task_id,
    account_id: account,
    assigned_by_account_id: by,
    message_id,
    body,
    limit_time: typeof limit_time === 'string' ? Number(limit_time) : 0,
    limit_type: typeof limit_type === 'string' ? limit_type : 'none'
  }
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && TASK_ID.test(value)
}
