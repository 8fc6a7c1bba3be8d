/** mode: fetch — read the room's latest messages into outputs. */
import * as core from '@actions/core'
import { Output } from '../constants.js'
import type { ChatworkClient } from '../chatwork/client.js'
import type { ChatworkMessage } from '../chatwork/types.js'
import type { Settings } from '../inputs.js'
import { requests } from '../chatwork/requests.js'
import { attempt, dryRun, type ModeResult } from '../result.js'
import { messageTable } from '../summary.js'

export async function fetch(settings: Settings, client: ChatworkClient): Promise<ModeResult> {
  const roomId = settings.roomIds[0] ?? ''
  const force = !settings.unreadOnly
  if (settings.dryRun) return dryRun(client, [requests.listMessages(roomId, force)])
  const received = await attempt(`fetch the messages of room ${roomId}`, () =>
    client.listMessages(roomId, force)
  )
  const messages = oldestFirst(received).slice(-settings.limit)
  const last = messages.at(-1)
  core.info(
    `Fetched ${messages.length} message(s) from room ${roomId}${settings.unreadOnly ? ' (unread only)' : ''}.`
  )
  return {
    outputs: {
      [Output.messages]: JSON.stringify(messages),
      [Output.count]: String(messages.length),
      [Output.lastMessageId]: last?.message_id ?? '',
      [Output.lastMessageBody]: last?.body ?? ''
    },
    summarize: page => {
      page.addHeading(`Chatwork room ${roomId}: ${messages.length} messages`, 3)
      if (messages.length === 0) {
        page.addRaw(
          settings.unreadOnly ? 'Nothing new since the last fetch.' : 'The room has no messages.',
          true
        )
      } else {
        page.addTable(messageTable(messages))
      }
    }
  }
}

/**
 * Chatwork does not document the order of the list, so sort: by send time, then by id
 * (compared as big integers: 19-digit ids do not fit a Number).
 */
export function oldestFirst(messages: ChatworkMessage[]): ChatworkMessage[] {
  return [...messages].sort((a, b) => {
    if (a.send_time !== b.send_time) return a.send_time - b.send_time
    const difference = BigInt(a.message_id) - BigInt(b.message_id)
    return difference < 0n ? -1 : difference > 0n ? 1 : 0
  })
}
