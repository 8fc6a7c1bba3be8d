/**
 * mode: send — post the message (or upload the file with it) to every room in `room-id`,
 * in parallel. A room that fails does not stop the others; the error lists the rooms that failed.
 */
import type * as runner from '../runner.js'
import { requests } from '../chatwork/requests.js'
import { composeMessage } from '../compose.js'
import { Output } from '../constants.js'
import { DeliveryError, messageOf } from '../errors.js'
import type { SendSettings } from '../settings.js'
import {
  attempt,
  dryRun,
  messageLink,
  type ModeDeps,
  type ModeResult,
  type Outputs
} from '../result.js'
import { escapeHtml, htmlText } from '../html.js'
import { previewWithSource, type Names } from '../preview.js'
import type { TemplateContext } from '../template-context.js'

interface Delivered {
  roomId: string
  /** The message id, or the file id for an upload. */
  id: string
}

export async function send(
  settings: SendSettings,
  deps: ModeDeps,
  context: TemplateContext
): Promise<ModeResult> {
  const body = await composeMessage(settings, context, message => deps.log.warning(message))
  const { roomIds, file, selfUnread } = settings
  if (settings.dryRun) {
    return dryRun(
      deps,
      roomIds.map(room =>
        file ? requests.uploadFile(room, file, body) : requests.postMessage(room, body, selfUnread)
      ),
      body
    )
  }
  const names =
    settings.to.length > 0
      ? await warnAboutNonMembers(deps, roomIds, settings.to)
      : new Map<string, string>()
  const since = Date.now()
  const settled = await Promise.allSettled(
    roomIds.map(async roomId => {
      const id = file
        ? await attempt(`upload ${file.name} to room ${roomId}`, () =>
            deps.client.uploadFile(roomId, file, body, since)
          )
        : await attempt(`send the message to room ${roomId}`, () =>
            deps.client.postMessage(roomId, body, selfUnread, since)
          )
      deps.log.info(
        file
          ? `Uploaded ${file.name} to room ${roomId} (file ${id}).`
          : `Sent message ${id} to room ${roomId}: ${messageLink(roomId, id)}`
      )
      return { roomId, id }
    })
  )
  const delivered = settled.flatMap(s => (s.status === 'fulfilled' ? [s.value] : []))
  const outputs = file ? fileOutputs(roomIds, delivered) : messageOutputs(roomIds, delivered)
  const failed = settled.flatMap((s, i): [string, unknown][] =>
    s.status === 'rejected' ? [[roomIds[i] ?? '', s.reason]] : []
  )
  if (failed.length > 0) {
    const error = deliveryFailure(roomIds, delivered, failed, outputs)
    error.summarize = page => summarizeFailure(page, body, delivered, failed, names)
    throw error
  }
  return { outputs, summarize: page => summarize(page, body, delivered, settings, names) }
}

function deliveryFailure(
  roomIds: string[],
  delivered: Delivered[],
  failed: [string, unknown][],
  outputs: Outputs
): DeliveryError {
  const [only] = failed
  if (only && roomIds.length === 1 && only[1] instanceof DeliveryError) return only[1]
  const reasons = failed.map(([room, reason]) => `room ${room}: ${messageOf(reason)}`)
  const got = delivered.map(d => d.roomId)
  const others =
    got.length === 0 ? '' : `; room${got.length > 1 ? 's' : ''} ${got.join(', ')} got it`
  return new DeliveryError(
    `Could not deliver to ${failed.length} of ${roomIds.length} rooms (${failed.map(f => f[0]).join(', ')})${others}.\n${reasons.join('\n')}`,
    { outputs }
  )
}

function messageOutputs(roomIds: string[], delivered: Delivered[]): Outputs {
  const first = delivered.find(d => d.roomId === roomIds[0])
  return {
    [Output.messageId]: first?.id ?? '',
    [Output.messageUrl]: first ? messageLink(first.roomId, first.id) : '',
    [Output.messageIds]: JSON.stringify(Object.fromEntries(delivered.map(d => [d.roomId, d.id])))
  }
}

function fileOutputs(roomIds: string[], delivered: Delivered[]): Outputs {
  return { [Output.fileId]: delivered.find(d => d.roomId === roomIds[0])?.id ?? '' }
}

/**
 * A mention of someone who is not in the room notifies nobody: say so (best effort). Returns the
 * members' names, for the summary's preview of the mentions.
 */
async function warnAboutNonMembers(
  { client, log }: ModeDeps,
  roomIds: string[],
  to: string[]
): Promise<Names> {
  const names = new Map<string, string>()
  await Promise.all(
    roomIds.map(async roomId => {
      try {
        const list = await client.listMembers(roomId)
        for (const m of list) names.set(String(m.account_id), m.name)
        const members = new Set(list.map(m => String(m.account_id)))
        const missing = to.filter(id => !members.has(id))
        if (missing.length > 0) {
          log.warning(
            `Account${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not a member of room ${roomId}: the [To:] mention will not notify ${missing.length > 1 ? 'them' : 'it'}.`
          )
        }
      } catch (error) {
        log.debug(`Could not check the members of room ${roomId}: ${messageOf(error)}`)
      }
    })
  )
  return names
}

function summarize(
  page: typeof runner.summary,
  body: string,
  delivered: Delivered[],
  settings: SendSettings,
  names: Names
): void {
  const { file } = settings
  page.addHeading(
    file ? `File ${escapeHtml(file.name)} uploaded to Chatwork` : 'Chatwork message sent',
    3
  )
  for (const { roomId, id } of delivered) {
    page.addRaw(
      file
        ? `<p>Room ${roomId}: file ${id}</p>`
        : `<p>Room ${roomId}: <a href="${messageLink(roomId, id)}">open the message in Chatwork</a></p>`,
      true
    )
  }
  if (body) page.addRaw(previewWithSource(body, names), true)
}

/** A failed send still leaves a trace: what was attempted, who got it, why the rest did not. */
function summarizeFailure(
  page: typeof runner.summary,
  body: string,
  delivered: Delivered[],
  failed: [string, unknown][],
  names: Names
): void {
  page.addHeading('Chatwork message not delivered', 3)
  for (const { roomId, id } of delivered) {
    page.addRaw(
      `<p>Room ${roomId}: delivered, <a href="${messageLink(roomId, id)}">open it</a></p>`,
      true
    )
  }
  for (const [roomId, reason] of failed) {
    page.addRaw(`<p>Room ${roomId}: failed: ${htmlText(messageOf(reason))}</p>`, true)
  }
  if (body) page.addRaw(`What was to be sent:${previewWithSource(body, names)}`, true)
}
