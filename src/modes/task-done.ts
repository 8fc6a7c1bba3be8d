/**
 * mode: task-done — mark Chatwork tasks done: the ids in `task-ids` (what a `task` step output),
 * and every open task the token's account gave whose body matches `task-match` (narrowed to
 * the assignees in `to`). Rooms, and the tasks in each, are handled at once; one that fails does
 * not stop the others, and the output lists every task that is done.
 */
import { requests } from '../chatwork/requests.js'
import { Input, Output } from '../constants.js'
import { DeliveryError, messageOf } from '../errors.js'
import type { TaskDoneSettings } from '../inputs/settings.js'
import type { SummaryPage } from '../summary/page.js'
import { dryRun, type ModeDeps, type ModeResult, type Outputs } from './result.js'
import { assigneeFilter, closeAll, closeMatching, type Closed } from './task-close.js'
import { plural } from '../format.js'

interface RoomOutcome {
  roomId: string
  closed: [string, Closed][]
  failed: unknown[]
}

export async function taskDone(settings: TaskDoneSettings, deps: ModeDeps): Promise<ModeResult> {
  if (settings.dryRun) return plan(settings, deps)
  const outcomes = await Promise.all(settings.roomIds.map(room => inRoom(settings, deps, room)))
  const outputs = taskDoneOutputs(settings.roomIds, outcomes)
  const failures = outcomes.flatMap(o => o.failed)
  if (failures.length > 0) {
    const [only] = failures
    const error =
      failures.length === 1 && only instanceof DeliveryError
        ? new DeliveryError(only.message, { outputs, cause: only })
        : new DeliveryError(
            `Could not mark ${failures.length} of the tasks done:\n${failures.map(messageOf).join('\n')}`,
            { outputs }
          )
    error.summarize = page => summarize(page, outcomes)
    throw error
  }
  return { outputs, summarize: page => summarize(page, outcomes) }
}

async function inRoom(
  settings: TaskDoneSettings,
  deps: ModeDeps,
  roomId: string
): Promise<RoomOutcome> {
  const ids = settings.taskIds.get(roomId) ?? []
  const { match, assignees } = settings
  const [byId, byMatch] = await Promise.all([
    closeAll(deps, roomId, ids),
    match
      ? closeMatching(deps, roomId, { pattern: match, assignees, skip: new Set(ids) }).catch(
          (error: unknown) => ({ closed: [], failed: [error] })
        )
      : undefined
  ])
  if (match && byMatch?.closed.length === 0 && byMatch.failed.length === 0) {
    const whose = assignees.length > 0 ? ` assigned to ${assignees.join(', ')}` : ''
    const say = deps.log.notice ?? deps.log.info
    say(
      `No open task in room ${roomId} that the token's account gave${whose} matches '${Input.taskMatch}' (${match.source}): nothing to mark done.`
    )
  }
  const closed = [...byId.closed, ...(byMatch?.closed ?? [])]
  for (const [taskId, how] of closed) {
    deps.log.info(
      how === 'marked'
        ? `Marked task ${taskId} done in room ${roomId}.`
        : `Task ${taskId} in room ${roomId} is done: Chatwork refused (400) to mark it done again, so it was done already (or by this step's try whose answer was lost).`
    )
  }
  return { roomId, closed, failed: [...byId.failed, ...(byMatch?.failed ?? [])] }
}

/** `task-ids`: one room's ids done as a JSON array; for several rooms, an object by room. */
function taskDoneOutputs(roomIds: string[], outcomes: RoomOutcome[]): Outputs {
  const idsOf = (o: RoomOutcome | undefined) => (o?.closed ?? []).map(([id]) => id)
  const ids =
    roomIds.length === 1
      ? idsOf(outcomes[0])
      : Object.fromEntries(outcomes.map(o => [o.roomId, idsOf(o)]))
  return { [Output.taskIds]: JSON.stringify(ids) }
}

/** `dry-run`: the requests for the ids; for a match, the listing and what would follow it. */
function plan(settings: TaskDoneSettings, deps: ModeDeps): ModeResult {
  const { match, assignees } = settings
  const assignee = assigneeFilter(assignees)
  const planned = settings.roomIds.flatMap(roomId => [
    ...(settings.taskIds.get(roomId) ?? []).map(id => requests.setTaskStatus(roomId, id, 'done')),
    // The real run asks GET /me (once: the client keeps it) alongside the first listing.
    ...(match ? [requests.openTasks(roomId, { assignee })] : [])
  ])
  if (match) planned.unshift(requests.me())
  if (match) {
    const whose = assignees.length > 0 ? ` assigned to ${assignees.join(', ')}` : ''
    deps.log.info(
      `With the task list's answer, each open task that the token's account gave${whose} and whose body matches ${match.source} would be marked done: PUT /rooms/{room_id}/tasks/{task_id}/status with body=done.`
    )
  }
  return dryRun(deps, planned)
}

function summarize(page: SummaryPage, outcomes: RoomOutcome[]): void {
  const failed = outcomes.some(o => o.failed.length > 0)
  page.addHeading(failed ? 'Chatwork tasks: not all marked done' : 'Chatwork tasks marked done')
  for (const { roomId, closed, failed: reasons } of outcomes) {
    const ids = closed.map(([id, how]) => (how === 'marked' ? id : `${id} (done already)`))
    page.addParagraph(
      `Room ${roomId}: ${ids.length === 0 ? 'no task marked done' : `${plural(ids.length, 'task')} ${ids.join(', ')}`}`
    )
    for (const reason of reasons) page.addParagraph(`Room ${roomId}: failed: ${messageOf(reason)}`)
  }
}
