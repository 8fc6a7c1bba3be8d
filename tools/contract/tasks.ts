/** Probes of tasks: the notice, a date deadline, marking done twice, time without a limit. */
import type { ListedTask } from './client.js'
import { excerpt, unmatched, type Probe, type ProbeContext } from './probe.js'

/** Tokyo has no daylight saving time: a day there is always UTC+9. */
const TOKYO_OFFSET = 9 * 3600

/** 23:59:59 in Tokyo of the day `time` falls on. */
function endOfDay(time: number): number {
  const local = time + TOKYO_OFFSET
  return local - (local % 86_400) + 86_399 - TOKYO_OFFSET
}

/** The listed tasks among `ids`, open or done. */
async function listed(ctx: ProbeContext, ids: string[]): Promise<ListedTask[]> {
  const all = [
    ...(await ctx.client.tasks(ctx.me, 'open')),
    ...(await ctx.client.tasks(ctx.me, 'done'))
  ]
  return all.filter(t => ids.includes(String(t.task_id)))
}

const taskNotice: Probe = {
  id: 'task-notice',
  assumption:
    'Adding tasks for several assignees posts one notice with a `[task aid=…]` per assignee, and each task points at it.',
  async run(ctx) {
    const assignees = ctx.members.slice(0, 2)
    if (assignees.length < 2) {
      return unmatched('not determined: the room has one member (add a second to tell)')
    }
    const body = `${ctx.marker} notice`
    const added = await ctx.client.addTask({
      body,
      to_ids: assignees.join(','),
      limit_type: 'none'
    })
    if (added.ids.length !== 2)
      return unmatched(`add answered ${added.status}, ${added.ids.length} ids`)
    const tasks = await listed(ctx, added.ids)
    const noticeIds = [...new Set(tasks.map(t => String(t.message_id)))]
    const notices = await Promise.all(noticeIds.map(id => ctx.client.message(id)))
    const tags = notices.map(n => (n.body ?? '').match(/\[task aid=\d+/g)?.length ?? 0)
    const observed = `${noticeIds.length} notice(s), [task] tags ${tags.join(', ') || 'none'}`
    if (notices.some(n => n.status !== 200)) return unmatched(`${observed}; a notice unreadable`)
    if (tags.every(n => n === 0)) return { observed, profile: 'taskNotices=unreadable' }
    if (noticeIds.length === 1 && tags[0] === 2)
      return { observed, profile: 'taskNotices=per-request' }
    if (noticeIds.length === 2 && tags.every(n => n === 1)) {
      return { observed, profile: 'taskNotices=per-assignee' }
    }
    return unmatched(observed)
  }
}

const taskDateLimit: Probe = {
  id: 'task-date-limit',
  assumption: 'A `limit_type=date` task keeps the `limit` sent (the action sends 23:59:59 itself).',
  async run(ctx) {
    // Noon in Tokyo, two days ahead: far from the day's end in either reading.
    const noon = endOfDay(Math.floor(Date.now() / 1000) + 2 * 86_400) - 12 * 3600 + 1
    const body = `${ctx.marker} date`
    const added = await ctx.client.addTask({
      body,
      to_ids: ctx.me,
      limit_type: 'date',
      limit: String(noon)
    })
    if (added.ids.length !== 1) return unmatched(`add answered ${added.status}`)
    const [task] = await listed(ctx, added.ids)
    const deadline = Number(task?.limit_time)
    const observed = `sent ${noon}, listed ${task ? deadline : 'nothing'}`
    if (deadline === noon) return { observed: `${observed} (as sent)`, profile: 'taskDate=as-sent' }
    if (deadline === endOfDay(noon)) {
      return { observed: `${observed} (23:59:59 Tokyo)`, profile: 'taskDate=end-of-day' }
    }
    return unmatched(observed)
  }
}

const taskStatus: Probe = {
  id: 'task-status',
  assumption: 'Marking a done task done again succeeds (200).',
  async run(ctx) {
    const added = await ctx.client.addTask({ body: `${ctx.marker} status`, to_ids: ctx.me })
    const [id] = added.ids
    if (!id) return unmatched(`add answered ${added.status}`)
    const first = await ctx.client.setTaskStatus(id, 'done')
    const again = await ctx.client.setTaskStatus(id, 'done')
    const observed = `done: ${first.status}; done again: ${again.status}`
    if (first.status !== 200) return unmatched(observed)
    if (again.status === 200) return { observed, profile: 'alreadyDone=200' }
    if (again.status === 400)
      return { observed: `${observed} ${excerpt(again.text)}`, profile: 'alreadyDone=400' }
    return unmatched(observed)
  }
}

const timeWithoutLimit: Probe = {
  id: 'time-without-limit',
  assumption: '`limit_type=time` without `limit` is refused (400).',
  async run(ctx) {
    const added = await ctx.client.addTask({
      body: `${ctx.marker} no limit`,
      to_ids: ctx.me,
      limit_type: 'time'
    })
    if (added.status === 400)
      return { observed: 'refused (400)', profile: 'timeWithoutLimit=refused' }
    if (added.status !== 200) return unmatched(`answered ${added.status}`)
    const [task] = await listed(ctx, added.ids)
    const observed = `accepted; listed as limit_type ${task?.limit_type ?? '?'}, limit ${task?.limit_time ?? '?'}`
    return task?.limit_type === 'none' && Number(task.limit_time) === 0
      ? { observed, profile: 'timeWithoutLimit=accepted' }
      : unmatched(observed)
  }
}

export const TASK_PROBES: readonly Probe[] = [
  taskNotice,
  taskDateLimit,
  taskStatus,
  timeWithoutLimit
]
