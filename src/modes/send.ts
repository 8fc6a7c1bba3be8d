/** mode: send — render the template and post it to the room. */
import * as core from '@actions/core'
import { Input, MAX_BODY_LENGTH, Output, WEB_URL } from '../constants.js'
import type { ChatworkClient } from '../chatwork/client.js'
import { InputError } from '../errors.js'
import type { Settings } from '../inputs.js'
import { attempt, type ModeResult } from '../result.js'
import { renderTemplate } from '../template.js'
import type { TemplateContext } from '../template-context.js'
import { escapeHtml } from '../summary.js'

export async function send(
  settings: Settings,
  client: ChatworkClient,
  context: TemplateContext
): Promise<ModeResult> {
  const body = await renderBody(settings.message, context)
  const since = Date.now()
  const messageId = await attempt(`send the message to room ${settings.roomId}`, () =>
    client.postMessage(settings.roomId, body, settings.selfUnread, since)
  )
  const messageUrl = messageLink(settings.roomId, messageId)
  core.info(`Sent message ${messageId} to room ${settings.roomId}: ${messageUrl}`)
  return {
    outputs: { [Output.messageId]: messageId, [Output.messageUrl]: messageUrl },
    summarize: page =>
      page
        .addHeading('Chatwork message sent', 3)
        .addRaw(`<pre>${escapeHtml(body)}</pre>`, true)
        .addRaw(
          `Room ${settings.roomId}: <a href="${messageUrl}">open the message in Chatwork</a>`,
          true
        )
  }
}

/** Renders the message template and checks the result fits Chatwork's limits. */
export async function renderBody(template: string, context: TemplateContext): Promise<string> {
  const body = await renderTemplate(template, context, Input.message)
  if (body.trim() === '') {
    throw new InputError(
      `Input '${Input.message}' rendered to an empty message; Chatwork needs at least one character.`
    )
  }
  if (body.length > MAX_BODY_LENGTH) {
    throw new InputError(
      `Input '${Input.message}' rendered to ${body.length} characters; Chatwork accepts at most ${MAX_BODY_LENGTH}. Shorten the template or truncate long values, e.g. {{ value | truncate: 1000 }}.`
    )
  }
  return body
}

export function messageLink(roomId: string, messageId: string): string {
  return `${WEB_URL}/#!rid${roomId}-${messageId}`
}
