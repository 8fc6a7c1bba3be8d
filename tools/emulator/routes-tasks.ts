/** The task endpoints: add tasks, list them, read one, mark one done or open. */
import type { RoomContext } from './context.js'
import { LIST_CAP, validateBody } from './limits.js'
import type { LimitType } from './types.js'
import { errors, jsonText, noContent, type Reply } from './wire.js'

const LIMIT_TYPES: readonly string[] = ['none', 'date', 'time']
/** Tokyo has no daylight saving time: a day there is always UTC+9. */
const TOKYO_OFFSET = 9 * 3600

/** 23:59:59 in Tokyo of the day `time` falls on. */
function endOfDay(time: number): number {
  const local = time + TOKYO_OFFSET
  return local - (local % 86_400) + 86_399 - TOKYO_OFFSET
}

function readAssignees({ form, room }: RoomContext): number[] | Reply {
  const toIds = (form.get('to_ids') ?? '').split(',').filter(id => id !== '')
  if (toIds.length === 0 || !toIds.every(id => /^\d+$/.test(id))) {
    return errors(400, ["Parameter 'to_ids' must be account ids separated by commas"])
  }
  const assignees = [...new Set(toIds.map(Number))]
  if (!assignees.every(id => room.members.has(id))) {
    return errors(400, ['Assignees must be members of the room'])
  }
  return assignees
}

function readDeadline({ form, profiles }: RoomContext): { type: LimitType; time: number } | Reply {
  const type = form.get('limit_type') ?? (form.get('limit') ? 'time' : 'none')
  if (!LIMIT_TYPES.includes(type)) {
    return errors(400, ["Parameter 'limit_type' must be one of none, date, time"])
  }
  const sent = form.get('limit')
  if (type === 'time' && sent === null && profiles.use('timeWithoutLimit') === 'accepted') {
    return { type: 'none', time: 0 }
  }
  if (type !== 'none' && !/^\d+$/.test(sent ?? '')) {
    return errors(400, ["Parameter 'limit' must be a Unix time"])
  }
  if (type === 'none') return { type, time: 0 }
  const time = Number(sent)
  if (type === 'date' && profiles.use('taskDate') === 'end-of-day') {
    return { type, time: endOfDay(time) }
  }
  return { type: type as LimitType, time }
}

export function postTasks(ctx: RoomContext): Reply {
  const invalid = validateBody(ctx.form.get('body'), ctx.profiles)
  if (invalid) return invalid
  const assignees = readAssignees(ctx)
  if (!Array.isArray(assignees)) return assignees
  const deadline = readDeadline(ctx)
  if ('status' in deadline) return deadline
  if (ctx.role === 'readonly') return errors(403, ["You don't have permission to add tasks"])
  const limited = ctx.limits.takePostSlot(ctx.room.room_id)
  if (limited) return limited
  const body = ctx.form.get('body') ?? ''
  const tasks = ctx.world.addTask(ctx.room.room_id, ctx.account, assignees, body, deadline)
  return jsonText(200, { task_ids: tasks.map(t => t.task_id) })
}

export function listTasks({ room, query }: RoomContext): Reply {
  const status = query.get('status') ?? 'open'
  const to = query.get('account_id')
  const by = query.get('assigned_by_account_id')
  const tasks = room.tasks.filter(
    t =>
      t.status === status &&
      (!to || String(t.account.account_id) === to) &&
      (!by || String(t.assigned_by_account.account_id) === by)
  )
  return tasks.length === 0 ? noContent() : jsonText(200, tasks.slice(-LIST_CAP))
}

/** `GET /rooms/{id}/tasks/{task_id}`: one task of the room, open or done. */
export function getTask(ctx: RoomContext): Reply {
  const task = ctx.room.tasks.find(t => t.task_id.toString() === ctx.params[0])
  return task ? jsonText(200, task) : errors(404, ['Task not found'])
}

/** `PUT /rooms/{id}/tasks/{task_id}/status`, body `done` or `open`. */
export function setTaskStatus(ctx: RoomContext): Reply {
  const task = ctx.room.tasks.find(t => t.task_id.toString() === ctx.params[0])
  if (!task) return errors(404, ['Task not found'])
  const status = ctx.form.get('body')
  if (status !== 'done' && status !== 'open') {
    return errors(400, ["Parameter 'body' must be done or open"])
  }
  if (ctx.role === 'readonly') return errors(403, ["You don't have permission to edit tasks"])
  if (status === 'done' && task.status === 'done' && ctx.profiles.use('alreadyDone') === '400') {
    return errors(400, ['The task is already done'])
  }
  ctx.world.setTaskStatus(task, status)
  return jsonText(200, { task_id: task.task_id })
}
