/** The task endpoints: add tasks, list them. */
import type { RoomContext } from './context.js'
import { LIST_CAP, validateBody } from './limits.js'
import type { LimitType } from './types.js'
import { errors, jsonText, noContent, type Reply } from './wire.js'

const LIMIT_TYPES: readonly string[] = ['none', 'date', 'time']

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

function readLimit({ form }: RoomContext): { type: LimitType; time: number } | Reply {
  const type = form.get('limit_type') ?? (form.get('limit') ? 'time' : 'none')
  if (!LIMIT_TYPES.includes(type)) {
    return errors(400, ["Parameter 'limit_type' must be one of none, date, time"])
  }
  const limit = form.get('limit') ?? ''
  if (type !== 'none' && !/^\d+$/.test(limit)) {
    return errors(400, ["Parameter 'limit' must be a Unix time"])
  }
  return { type: type as LimitType, time: type === 'none' ? 0 : Number(limit) }
}

export function postTasks(ctx: RoomContext): Reply {
  const invalid = validateBody(ctx.form.get('body'))
  if (invalid) return invalid
  const assignees = readAssignees(ctx)
  if (!Array.isArray(assignees)) return assignees
  const limit = readLimit(ctx)
  if ('status' in limit) return limit
  if (ctx.role === 'readonly') return errors(403, ["You don't have permission to add tasks"])
  const limited = ctx.limits.takePostSlot(ctx.room.room_id)
  if (limited) return limited
  const body = ctx.form.get('body') ?? ''
  const tasks = ctx.world.addTask(ctx.room.room_id, ctx.account, assignees, body, limit)
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
