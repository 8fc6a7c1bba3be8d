/**
 * Exactly once for `POST /tasks`: after an ambiguous failure, did the request create its tasks?
 * Chatwork leaves open how it announces tasks (one notice for the request, one per assignee,
 * or a notice without `[task]` tags) and whether it moves a `date` deadline to the end of the
 * day, so the look-up relies on neither: it takes the open tasks the token's account gave with
 * this body, one per assignee, and dates each by its notice message's `send_time`. When it
 * cannot tell, it throws: the engine then fails the step instead of sending again.
 */
import { UndecidedError } from '../errors.js'
import { findMessage, toSeconds, type Lookups } from './reconcile.js'
import type { TaskDeadline } from './requests.js'
import type { ChatworkTask } from './tasks.js'
import { plural } from '../format.js'

/** A `date` deadline may be moved within its day, in whatever time zone Chatwork uses. */
const DAY = 86_400

/** Same deadline: the time sent, or (for `date`) a time within a day of it. */
function sameDeadline(t: ChatworkTask, deadline: TaskDeadline): boolean {
  if (t.limit_type !== deadline.type) return false
  if (deadline.type === 'none') return true
  if (deadline.type === 'date') return Math.abs(t.limit_time - deadline.time) < DAY
  return t.limit_time === deadline.time
}

/** How old the task is: 'new' (announced since `since`), 'old', or 'unknown'. */
async function age(
  api: Lookups,
  roomId: string,
  task: ChatworkTask,
  since: number
): Promise<'new' | 'old' | 'unknown'> {
  const notice = await findMessage(api, roomId, task.message_id)
  if (!notice) return 'unknown'
  return notice.send_time >= toSeconds(since) ? 'new' : 'old'
}

/**
 * The ids of the tasks a lost `POST /tasks` created, or undefined when it created none: among
 * the open tasks the token's account gave with this body and deadline, those announced since
 * `since`, exactly one for each of `toIds`. Throws when a candidate's notice cannot be read or
 * the new tasks do not match the request one for one.
 */
export async function findOwnTasks(
  api: Lookups,
  roomId: string,
  task: { body: string; toIds: string[]; deadline: TaskDeadline },
  since: number
): Promise<string[] | undefined> {
  const me = await api.getMe()
  const wanted = new Set(task.toIds)
  const candidates = (await api.listTasks(roomId, me.account_id)).filter(
    t => t.body === task.body && wanted.has(t.account_id) && sameDeadline(t, task.deadline)
  )
  const fresh: ChatworkTask[] = []
  for (const candidate of candidates) {
    const seen = await age(api, roomId, candidate, since)
    if (seen === 'unknown') {
      throw new UndecidedError(
        `Task ${candidate.task_id} in room ${roomId} has this body, assignee and deadline, but the message announcing it (${candidate.message_id}) cannot be read, so it is unknown whether this step created it.`,
        `Look at the open tasks in room ${roomId}: if the task is there for ${task.toIds.join(', ')}, do not run the step again.`
      )
    }
    if (seen === 'new') fresh.push(candidate)
  }
  if (fresh.length === 0) return undefined
  const assignees = new Set(fresh.map(t => t.account_id))
  if (fresh.length === wanted.size && assignees.size === wanted.size) {
    return task.toIds.filter((id, i, all) => all.indexOf(id) === i).map(id => taskOf(fresh, id))
  }
  throw new UndecidedError(
    `Room ${roomId} has ${fresh.length} new open ${plural(fresh.length, 'task')} with this body and deadline for ${[...assignees].join(', ')}, not one for each of ${[...wanted].join(', ')}: another run may have created them, or only part of this one arrived.`,
    `Look at the open tasks in room ${roomId} and create the missing ones by hand; running the step again could assign some twice.`
  )
}

function taskOf(tasks: ChatworkTask[], accountId: string): string {
  return tasks.find(t => t.account_id === accountId)?.task_id ?? ''
}
