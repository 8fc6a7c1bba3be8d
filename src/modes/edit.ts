/** mode: update and mode: delete — change or remove one message sent earlier. */
import { requests } from '../chatwork/requests.js'
import { composeMessage } from '../message/compose.js'
import { Output } from '../constants.js'
import { adviceForEdit } from '../errors.js'
import type { DeleteSettings, UpdateSettings } from '../inputs/settings.js'
import { attempt, dryRun, messageLink, type ModeDeps, type ModeResult } from './result.js'
import { markup } from '../summary/html.js'
import { previewWithSource } from '../summary/preview.js'
import type { TemplateContext } from '../inputs/github-context.js'

export async function update(
  settings: UpdateSettings,
  deps: ModeDeps,
  context: TemplateContext
): Promise<ModeResult> {
  const body = await composeMessage(settings, context, message => deps.log.warning(message))
  const { messageId, roomId } = settings
  if (settings.dryRun) return dryRun(deps, [requests.updateMessage(roomId, messageId, body)], body)
  await attempt(
    `update message ${messageId} in room ${roomId}`,
    () => deps.client.updateMessage(roomId, messageId, body),
    adviceForEdit
  )
  const url = messageLink(roomId, messageId)
  deps.log.info(`Updated message ${messageId} in room ${roomId}: ${url}`)
  return {
    outputs: { [Output.messageId]: messageId, [Output.messageUrl]: url },
    summarize: page =>
      page
        .addHeading('Chatwork message updated')
        .addParagraph(markup`Room ${roomId}: <a href="${url}">open the message in Chatwork</a>`)
        .addOptional('The preview', previewWithSource(body))
  }
}

export async function remove(settings: DeleteSettings, deps: ModeDeps): Promise<ModeResult> {
  const { messageId, roomId } = settings
  if (settings.dryRun) return dryRun(deps, [requests.deleteMessage(roomId, messageId)])
  await attempt(
    `delete message ${messageId} in room ${roomId}`,
    () => deps.client.deleteMessage(roomId, messageId),
    adviceForEdit
  )
  deps.log.info(`Deleted message ${messageId} in room ${roomId}.`)
  return {
    outputs: { [Output.messageId]: messageId },
    summarize: page =>
      page
        .addHeading('Chatwork message deleted')
        .addParagraph(`Message ${messageId} in room ${roomId}.`)
  }
}
