/**
 * Marking tasks done, for `mode: task-done`: one task by id, and every open task that matches
 * `task-match`. Marking is idempotent (PUT …/status `body=done`), so a lost answer is asked
 * again by the client; an already-done task is success whether Chatwork answers 200 or 400.
 */
import { Input, MAX_LISTED } from '../constants.js'
import { DeliveryError, httpStatusOf, messageOf } from '../errors.js'
import { attempt, type ModeDeps } from './result.js'
import type { ChatworkTask } from '../chatwork/tasks.js'
import type { Pattern } from '../inputs/pattern.js'

/** What became of one task. */
export type Closed = 'marked' | 'already-done'

/**
 * A bound on listing again: each listing marks at least one new task or ends the loop, so only
 * a server that keeps inventing tasks reaches it.
 */
const MAX_LISTINGS = 50

/** Marks one task done; an error names the task and the room. */
async function closeTask(deps: ModeDeps, roomId: string, taskId: string): Promise<Closed> {
  try {
    await deps.client.markTaskDone(roomId, taskId)
    return 'marked'
  } catch (error) {
    const status = httpStatusOf(error)
    if (status === 400) {
      const done = await isDone(deps, roomId, taskId)
      if (done === true) return 'already-done'
      if (done === undefined) {
        throw new DeliveryError(
          `Could not mark task ${taskId} done in room ${roomId}. ${messageOf(error)} Chatwork may refuse to mark a task done that is done already, and reading the task's status failed too, so it is not known which: look at task ${taskId} in room ${roomId} before running the step again.`,
          { cause: error }
        )
      }
    }
    if (status === 404) {
      throw new DeliveryError(
        `Task ${taskId} not found in room ${roomId}: wrong room, or no such task. ${messageOf(error)} Check '${Input.taskIds}' (the ids a 'task' step output) and '${Input.roomId}' (the room the task is in; the token's user must be a member).`,
        { cause: error }
      )
    }
    return attempt(`mark task ${taskId} done in room ${roomId}`, () => Promise.reject(error))
  }
}

/**
 * After a 400: is the task done already (Chatwork may refuse to mark it twice)? undefined: its
 * status could not be read.
 */
async function isDone(
  deps: ModeDeps,
  roomId: string,
  taskId: string
): Promise<boolean | undefined> {
  try {
    return (await deps.client.getTaskStatus(roomId, taskId)) === 'done'
  } catch (error) {
    deps.log.debug(`Could not read task ${taskId} in room ${roomId}: ${messageOf(error)}`)
    return undefined
  }
}

/** Marks many tasks at once; each outcome kept, a failure does not stop the others. */
export async function closeAll(
  deps: ModeDeps,
  roomId: string,
  taskIds: readonly string[]
): Promise<{ closed: [string, Closed][]; failed: unknown[] }> {
  const settled = await Promise.allSettled(taskIds.map(id => closeTask(deps, roomId, id)))
  const closed: [string, Closed][] = []
  const failed: unknown[] = []
  settled.forEach((s, i) => {
    if (s.status === 'fulfilled') closed.push([taskIds[i] ?? '', s.value])
    else failed.push(s.reason)
  })
  return { closed, failed }
}

interface MatchRequest {
  pattern: Pattern
  /** Only these assignees' tasks (empty: anyone's). */
  assignees: readonly string[]
  /** Ids marked by `task-ids` in the same step: not marked twice. */
  skip: ReadonlySet<string>
}

/**
 * The assignee the task list is asked for: Chatwork filters by one account, so with one
 * assignee it filters, and with several (or none) every open task is listed and sorted here.
 */
export function assigneeFilter(assignees: readonly string[]): string | undefined {
  return assignees.length === 1 ? assignees[0] : undefined
}

/**
 * Every open task of the room that the token's account gave, for `assignees`, whose body
 * matches. The first listing goes out with GET /me (its giver is filtered here); a list of
 * fewer than 100 held every open task, so marking its matches ends it. A full list is asked
 * again after marking, now narrowed to the token's account, until no new match is left.
 */
export async function closeMatching(
  deps: ModeDeps,
  roomId: string,
  request: MatchRequest
): Promise<{ closed: [string, Closed][]; failed: unknown[] }> {
  const assignee = assigneeFilter(request.assignees)
  const list = (assignedBy?: string) =>
    attempt(`list the open tasks in room ${roomId}`, () =>
      deps.client.listOpenTasks(roomId, { assignee, assignedBy })
    )
  const [me, first] = await Promise.all([
    attempt('read the token’s account (GET /me)', () => deps.client.getMe()),
    list()
  ])
  const by = String(me.account_id)
  const seen = new Set<string>()
  const result = { closed: [] as [string, Closed][], failed: [] as unknown[] }
  let listing = first
  for (let listings = 1; ; listings += 1) {
    const fresh = listing.items.filter(t => !seen.has(t.task_id) && matches(t, by, request))
    for (const task of fresh) seen.add(task.task_id)
    const round = await closeAll(
      deps,
      roomId,
      fresh.map(t => t.task_id)
    )
    result.closed.push(...round.closed)
    result.failed.push(...round.failed)
    if (!listing.full) return result
    if (fresh.length === 0 && listing !== first) {
      deps.log.warning(
        `Room ${roomId} lists ${MAX_LISTED} open tasks from the token's account (as many as Chatwork returns at once) and none of them matches '${Input.taskMatch}' any more; older open tasks, if any, were not checked.`
      )
      return result
    }
    if (listings >= MAX_LISTINGS) {
      result.failed.push(
        new DeliveryError(
          `Stopped after listing the open tasks of room ${roomId} ${MAX_LISTINGS} times (${seen.size} tasks matched): more may match. Run the step again to mark the rest.`
        )
      )
      return result
    }
    listing = await list(by)
  }
}

function matches(task: ChatworkTask, by: string, request: MatchRequest): boolean {
  return (
    task.assigned_by_account_id === by &&
    !request.skip.has(task.task_id) &&
    (request.assignees.length === 0 || request.assignees.includes(task.account_id)) &&
    request.pattern.test(task.body)
  )
}
