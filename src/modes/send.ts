/**
 * mode: send — post the message (or upload the file with it) to every room in `room-id`,
 * in parallel. A room that fails does not stop the others; the error lists the rooms that failed.
 * With `reply-to`, the message starts with Chatwork's reply header (one room only).
 */
import type { ApiRequest } from '../chatwork/http.js'
import { requests } from '../chatwork/requests.js'
import { messageBody, renderMessage } from '../message/compose.js'
import { Input, Output } from '../constants.js'
import { httpStatusOf, messageOf, type ChatworkFailure } from '../errors.js'
import type { SendSettings } from '../inputs/settings.js'
import {
  attempt,
  dryRun,
  messageLink,
  type ModeDeps,
  type ModeResult,
  type Outputs
} from './result.js'
import { markup } from '../summary/html.js'
import { previewWithSource, type Names } from '../summary/preview.js'
import { replyHeader } from '../chatwork/notation.js'
import type { SummaryPage } from '../summary/page.js'
import type { TemplateContext } from '../inputs/github-context.js'
import {
  deliveryFailure,
  inEveryRoom,
  warnAboutNonMembers,
  type Delivered,
  type Settled
} from './rooms.js'

export async function send(
  settings: SendSettings,
  deps: ModeDeps,
  context: TemplateContext
): Promise<ModeResult> {
  const spec =
    settings.template || settings.file ? settings : await withDefault(settings, context, deps)
  // The default message reads event fields that some events lack: not worth a warning.
  const builtIn = spec.template?.builtIn === true
  const warn = (message: string) => (builtIn ? deps.log.debug(message) : deps.log.warning(message))
  const composed = await renderMessage(spec, context, warn)
  const { roomIds, file, selfUnread, replyTo } = settings
  const planned = (body: string): ApiRequest[] =>
    roomIds.map(room =>
      file
        ? requests.uploadFile(room, file, body)
        : requests.postMessage(room, body, { selfUnread })
    )
  const room = roomIds[0] ?? ''
  if (settings.dryRun) {
    const reply = replyTo ? [requests.getMessage(room, replyTo)] : []
    const header = replyTo ? placeholderHeader(room, replyTo) : undefined
    const body = messageBody(composed, { reply: header, warn })
    return dryRun(deps, [...reply, ...planned(body)], body)
  }
  // The text's own length is refused before the look-up of the replied-to message.
  if (replyTo) messageBody(composed)
  const header = replyTo ? await replyHeaderFor(deps, room, replyTo) : undefined
  const body = messageBody(composed, { reply: header, warn })
  // Informs only: it runs alongside the posts, and its lines come before theirs.
  const checked = warnAboutNonMembers(
    deps,
    roomIds,
    settings.to,
    'the [To:] mention will not notify {them}'
  )
  const since = deps.clock.now()
  const settled = await inEveryRoom(roomIds, async roomId => {
    const id = file
      ? await attempt(`upload ${file.name} to room ${roomId}`, () =>
          deps.client.uploadFile(roomId, file, body, since)
        )
      : await attempt(`send the message to room ${roomId}`, () =>
          deps.client.postMessage(roomId, body, { selfUnread, since })
        )
    await checked
    if (id === undefined) {
      deps.log.warning(
        `${file ? `Uploaded ${file.name} to room ${roomId}` : `Sent the message to room ${roomId}`} (Chatwork accepted it), but its id is unknown: Chatwork's answer had none, and the room does not show it. It was not sent again; look in the room for it.`
      )
    } else {
      deps.log.info(
        file
          ? `Uploaded ${file.name} to room ${roomId} (file ${id}).`
          : `Sent message ${id} to room ${roomId}: ${messageLink(roomId, id)}`
      )
    }
    return id
  })
  const names = await checked
  const { delivered, failed } = settled
  const outputs = file ? fileOutputs(roomIds, delivered) : messageOutputs(roomIds, delivered)
  if (failed.length > 0) {
    const error = deliveryFailure(roomIds, settled, outputs)
    error.summarize = page => summarizeFailure(page, body, settled, names)
    throw error
  }
  return { outputs, summarize: page => summarize(page, body, delivered, settings, names) }
}

/** No `message`: the default for the event (the user's `title` wins over its title). */
async function withDefault(
  settings: SendSettings,
  context: TemplateContext,
  { log }: ModeDeps
): Promise<SendSettings> {
  // An empty `message` (an unset variable, a step output that was empty) is not an error here,
  // but it should not pass unnoticed.
  log.info(
    `Inputs '${Input.message}' and '${Input.messageFile}' are empty: sending the default message for the '${context.github.event_name}' event.`
  )
  const { defaultMessage } = await import('../message/default-message.js')
  const { title, template } = defaultMessage(
    context.github.event_name,
    settings.language,
    settings.status
  )
  return { ...settings, template, title: settings.title ?? title }
}

/** What dry-run shows in place of the header, which needs the replied-to message's author. */
function placeholderHeader(roomId: string, messageId: string): string {
  return `[rp aid=(its author) to=${roomId}-${messageId}](its author's name)`
}

/**
 * `reply-to`: Chatwork's reply header, as the Reply button writes it. The author comes from the
 * replied-to message (one request).
 */
async function replyHeaderFor(
  { client }: ModeDeps,
  roomId: string,
  messageId: string
): Promise<string> {
  const original = await attempt(
    `find message ${messageId} ('${Input.replyTo}') in room ${roomId}`,
    () => client.getMessage(roomId, messageId),
    error => adviceForReply(error, roomId)
  )
  return replyHeader(original.account, roomId, messageId)
}

function adviceForReply(error: ChatworkFailure, roomId: string): string | undefined {
  if (httpStatusOf(error) === 404) {
    return `Check '${Input.replyTo}': it must be the id of a message in room ${roomId} ('${Input.roomId}'), e.g. the '${Output.messageId}' output of the step that posted it; the message may have been deleted.`
  }
  return undefined
}

/** One room's delivery: the id, or undefined: delivered (Chatwork accepted it), id unknown. */
type RoomDelivery = Delivered<string | undefined>

function messageOutputs(roomIds: string[], delivered: RoomDelivery[]): Outputs {
  const first = delivered.find(d => d.roomId === roomIds[0])
  // A room whose message id is unknown is listed with '': it got the message.
  return {
    [Output.messageId]: first?.value ?? '',
    [Output.messageUrl]: first?.value ? messageLink(first.roomId, first.value) : '',
    [Output.messageIds]: JSON.stringify(
      Object.fromEntries(delivered.map(d => [d.roomId, d.value ?? '']))
    )
  }
}

function fileOutputs(roomIds: string[], delivered: RoomDelivery[]): Outputs {
  return { [Output.fileId]: delivered.find(d => d.roomId === roomIds[0])?.value ?? '' }
}

function summarize(
  page: SummaryPage,
  body: string,
  delivered: RoomDelivery[],
  settings: SendSettings,
  names: Names
): void {
  const { file } = settings
  page.addHeading(file ? markup`File ${file.name} uploaded to Chatwork` : 'Chatwork message sent')
  for (const { roomId, value: id } of delivered) {
    page.addParagraph(
      id === undefined
        ? `Room ${roomId}: delivered; its id is unknown (Chatwork's answer had none)`
        : file
          ? markup`Room ${roomId}: file ${id}`
          : markup`Room ${roomId}: <a href="${messageLink(roomId, id)}">open the message in Chatwork</a>`
    )
  }
  if (body) page.addOptional('The preview', previewWithSource(body, names))
}

/** A failed send still leaves a trace: what was attempted, who got it, why the rest did not. */
function summarizeFailure(
  page: SummaryPage,
  body: string,
  { delivered, failed }: Settled<string | undefined>,
  names: Names
): void {
  page.addHeading('Chatwork message not delivered')
  for (const { roomId, value: id } of delivered) {
    page.addParagraph(
      id === undefined
        ? `Room ${roomId}: delivered; its id is unknown`
        : markup`Room ${roomId}: delivered, <a href="${messageLink(roomId, id)}">open it</a>`
    )
  }
  for (const [roomId, reason] of failed) {
    page.addParagraph(`Room ${roomId}: failed: ${messageOf(reason)}`)
  }
  if (body) {
    page.addOptional('The preview', markup`What was to be sent:${previewWithSource(body, names)}`)
  }
}
