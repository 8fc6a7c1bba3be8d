/**
 * mode: task — create a Chatwork task in every room in `room-id`, assigned to the accounts in
 * `to` (one task per assignee, as Chatwork makes them), due as `task-due` says. The body is the
 * rendered message, with the same templates, escaping and title box as send.
 */
import { requests } from '../chatwork/requests.js'
import { composeMessage } from '../message/compose.js'
import { Input, Output } from '../constants.js'
import { httpStatusOf, messageOf, type ChatworkFailure } from '../errors.js'
import { markup } from '../summary/html.js'
import { previewWithSource, type Names } from '../summary/preview.js'
import { attempt, dryRun, type ModeDeps, type ModeResult, type Outputs } from './result.js'
import type { TaskSettings } from '../inputs/settings.js'
import type { SummaryPage } from '../summary/page.js'
import type { TemplateContext } from '../inputs/github-context.js'
import {
  deliveryFailure,
  inEveryRoom,
  warnAboutNonMembers,
  type Delivered,
  type Settled
} from './rooms.js'
import { plural } from '../format.js'

/** The task ids; none when Chatwork accepted the task but its ids are unknown. */
type Created = Delivered<string[]>

export async function task(
  settings: TaskSettings,
  deps: ModeDeps,
  context: TemplateContext
): Promise<ModeResult> {
  // The assignees are told by the task itself: no [To:] in its body.
  const body = await composeMessage(settings, context, message => deps.log.warning(message))
  const { roomIds, assignees, deadline, timeZone } = settings
  // The same chunk that read task-due (inputs/mode-readers.ts loads it too), not a copy here.
  const { describeDeadline } = await import('../inputs/due.js')
  const due = describeDeadline(deadline, timeZone)
  if (settings.dryRun) {
    deps.log.info(`The task would be assigned to ${assignees.join(', ')}, due: ${due}.`)
    return dryRun(
      deps,
      roomIds.map(room => requests.createTask(room, body, assignees, deadline)),
      body
    )
  }
  // Informs only: it runs alongside the tasks' creation, and its lines come before theirs.
  const checked = warnAboutNonMembers(
    deps,
    roomIds,
    assignees,
    'Chatwork will refuse to assign the task to {them}'
  )
  const since = deps.clock.now()
  const settled = await inEveryRoom(roomIds, async roomId => {
    const ids = await attempt(
      `create the task in room ${roomId}`,
      () => deps.client.createTask(roomId, body, assignees, deadline, since),
      adviceForTask
    )
    await checked
    if (ids === undefined) {
      deps.log.warning(
        `Created the task in room ${roomId} (Chatwork accepted it), but its ids are unknown: Chatwork's answer had none, and the room's open tasks do not show them. It was not sent again; look in the room for it.`
      )
      return []
    }
    deps.log.info(
      `Created ${plural(ids.length, 'task')} ${ids.join(', ')} in room ${roomId} for ${assignees.join(', ')}, due: ${due}.`
    )
    return ids
  })
  const names = await checked
  const outputs = taskOutputs(roomIds, settled.delivered)
  const shown = { body, due, assignees, names }
  if (settled.failed.length > 0) {
    const error = deliveryFailure(roomIds, settled, outputs)
    error.summarize = page => summarize(page, shown, settled)
    throw error
  }
  return { outputs, summarize: page => summarize(page, shown, settled) }
}

/** `task-ids`: one room's ids as a JSON array; for several rooms, an object of arrays by room. */
function taskOutputs(roomIds: string[], delivered: Created[]): Outputs {
  const ids =
    roomIds.length === 1
      ? (delivered[0]?.value ?? [])
      : Object.fromEntries(delivered.map(d => [d.roomId, d.value]))
  return { [Output.taskIds]: JSON.stringify(ids) }
}

function adviceForTask(error: ChatworkFailure): string | undefined {
  const status = httpStatusOf(error)
  if (status === 400) {
    return `Check '${Input.to}': every assignee must be a member of the room (Chatwork's words are quoted above).`
  }
  if (status === 403) {
    return "The token's user may not add tasks in this room (a read-only member cannot)."
  }
  return undefined
}

interface Shown {
  body: string
  due: string
  assignees: string[]
  names: Names
}

function summarize(
  page: SummaryPage,
  { body, due, assignees, names }: Shown,
  { delivered, failed }: Settled<string[]>
): void {
  page.addHeading(
    failed.length > 0 ? 'Chatwork task not created everywhere' : 'Chatwork task created'
  )
  const people = assignees.map(id => (names.has(id) ? `${names.get(id)} (${id})` : id))
  page.addParagraph(markup`For ${people.join(', ')}; due: ${due}`)
  for (const { roomId, value } of delivered) {
    page.addParagraph(
      value.length === 0
        ? `Room ${roomId}: created; its ids are unknown (Chatwork's answer had none)`
        : `Room ${roomId}: ${plural(value.length, 'task')} ${value.join(', ')}`
    )
  }
  for (const [roomId, reason] of failed) {
    page.addParagraph(`Room ${roomId}: failed: ${messageOf(reason)}`)
  }
  page.addOptional('The preview', previewWithSource(body, names))
}
