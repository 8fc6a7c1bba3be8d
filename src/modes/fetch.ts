/**
 * mode: fetch — read the room's latest messages into outputs; with `match`, `from-account-ids`
 * or `after-message-id`, only the messages that pass count, and with `wait-timeout-seconds` the
 * step polls until one arrives (a workflow gate).
 */
import * as core from '../runner.js'
import type { ChatworkClient } from '../chatwork/client.js'
import { requests } from '../chatwork/requests.js'
import type { ChatworkMessage } from '../chatwork/types.js'
import { Output } from '../constants.js'
import { GateError } from '../errors.js'
import {
  criteria,
  describeCriteria,
  hasFilters,
  needsOwnAccount,
  passes,
  pollDelay
} from '../gate.js'
import type { Settings } from '../inputs.js'
import { attempt, dryRun, type ModeResult, type Outputs } from '../result.js'
import { messageTable } from '../summary.js'

export async function fetch(settings: Settings, client: ChatworkClient): Promise<ModeResult> {
  const roomId = settings.roomIds[0] ?? ''
  const force = !settings.unreadOnly
  const { gate } = settings
  if (settings.dryRun) return dryRun(client, [requests.listMessages(roomId, force)])
  const own = needsOwnAccount(gate)
    ? await attempt("look up the token's own account", () => client.getMe())
    : undefined
  const filter = criteria(gate, own?.account_id)
  const { policy } = client
  const started = policy.now()
  // With force=0 each look returns only what is new: keep everything seen, by id.
  const seen = new Map<string, ChatworkMessage>()
  let passed: ChatworkMessage[] = []
  for (;;) {
    const received = await attempt(`fetch the messages of room ${roomId}`, () =>
      client.listMessages(roomId, force)
    )
    for (const message of received) seen.set(message.message_id, message)
    passed = oldestFirst([...seen.values()].filter(m => passes(m, filter)))
    const waited = policy.now() - started
    if (passed.length > 0 || gate.waitMs === 0 || waited >= gate.waitMs) break
    const delay = Math.min(
      pollDelay(gate.pollMs, client.rateLimit, policy.now()),
      gate.waitMs - waited
    )
    core.info(
      `Waiting for ${describeCriteria(gate)} in room ${roomId}: ${seconds(waited)} of ${seconds(gate.waitMs)} waited, next look in ${seconds(delay)}.`
    )
    await policy.sleep(delay)
  }
  const messages = passed.slice(-settings.limit)
  const outputs = fetchOutputs(messages)
  core.info(
    `Fetched ${messages.length} message(s) from room ${roomId}${settings.unreadOnly ? ' (unread only)' : ''}${hasFilters(gate) ? ` that are ${describeCriteria(gate)}` : ''}.`
  )
  if (gate.failOnNoMatch && passed.length === 0) {
    const waited = gate.waitMs > 0 ? ` within ${seconds(gate.waitMs)}` : ''
    throw new GateError(
      `No ${describeCriteria(gate).replace(/^a /, '')} arrived in room ${roomId}${waited}, and 'fail-on-no-match' is true.`,
      outputs
    )
  }
  return { outputs, summarize: page => summarize(page, roomId, messages, settings) }
}

/** `matched-*` name the newest message that passed the filters (with none set: the newest). */
function fetchOutputs(messages: ChatworkMessage[]): Outputs {
  const last = messages.at(-1)
  return {
    [Output.messages]: JSON.stringify(messages),
    [Output.count]: String(messages.length),
    [Output.lastMessageId]: last?.message_id ?? '',
    [Output.lastMessageBody]: last?.body ?? '',
    [Output.matched]: String(last !== undefined),
    [Output.matchedMessageId]: last?.message_id ?? '',
    [Output.matchedMessageBody]: last?.body ?? '',
    [Output.matchedAccountId]: last ? String(last.account.account_id) : ''
  }
}

function summarize(
  page: typeof core.summary,
  roomId: string,
  messages: ChatworkMessage[],
  settings: Settings
): void {
  page.addHeading(`Chatwork room ${roomId}: ${messages.length} messages`, 3)
  if (hasFilters(settings.gate))
    page.addRaw(`Counting only ${describeCriteria(settings.gate)}.`, true)
  if (messages.length > 0) page.addTable(messageTable(messages))
  else if (settings.unreadOnly) page.addRaw('Nothing new since the last fetch.', true)
  else page.addRaw('No messages.', true)
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

function seconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`
}
