/** What fetch reports: its outputs, the job summary, and short quotes of what people wrote. */
import type * as runner from '../runner.js'
import type { ChatworkMessage } from '../chatwork/types.js'
import { Output } from '../constants.js'
import { describeCriteria, hasFilters, type Decision, type Tally } from '../gate.js'
import type { FetchSettings } from '../settings.js'
import type { Outputs } from '../result.js'
import type { Names } from '../preview.js'
import { breakLegacyCommands } from '../format.js'
import { htmlText } from '../html.js'
import { messageTable, namesOf } from '../summary.js'

interface FetchReport {
  /** The messages that counted (with no filter: the newest), oldest first. */
  messages: ChatworkMessage[]
  /** The newest message fetched from the room, before any filter. */
  newest: ChatworkMessage | undefined
  tally: Tally | undefined
  /** Empty for a plain fetch. */
  decision: Decision | ''
}

export function fetchOutputs({ messages, newest, tally, decision }: FetchReport): Outputs {
  const by = decision === 'approved' || decision === 'rejected' ? tally?.decided?.by : undefined
  return {
    [Output.messages]: JSON.stringify(messages),
    [Output.count]: String(messages.length),
    [Output.lastMessageId]: newest?.message_id ?? '',
    [Output.lastMessageBody]: newest?.body ?? '',
    [Output.decision]: decision,
    [Output.approvers]: JSON.stringify(tally?.approvers ?? []),
    [Output.matched]: String(decision === 'approved'),
    [Output.matchedMessageId]: by?.message.message_id ?? '',
    [Output.matchedMessageBody]: by?.message.body ?? '',
    [Output.matchedMessageText]: by?.text ?? '',
    [Output.matchedAccountId]: by ? String(by.message.account.account_id) : ''
  }
}

interface SummaryPart {
  roomId: string
  settings: FetchSettings
  messages: ChatworkMessage[]
  tally: Tally | undefined
  decision?: Decision
  /** Every message fetched, for the names of the accounts. */
  seen: ChatworkMessage[]
}

export function summarizeFetch(page: typeof runner.summary, part: SummaryPart): void {
  const { roomId, settings, messages, tally } = part
  const names = namesOf(part.seen)
  page.addHeading(`Chatwork room ${roomId}: ${messages.length} messages`, 3)
  if (hasFilters(settings.gate)) {
    page.addRaw(htmlText(`Counting only ${describeCriteria(settings.gate)}.`), true)
  }
  if (part.decision && tally) page.addRaw(decisionLine(part.decision, tally, names), true)
  if (messages.length > 0) page.addTable(messageTable(messages, names))
  else if (settings.unreadOnly) page.addRaw('Nothing new since the last fetch.', true)
  else page.addRaw('No messages.', true)
  if (tally && tally.unmatched.length > 0) {
    const pattern = settings.gate.match?.source ?? ''
    page.addRaw(`Not counted: what these people wrote does not match ${htmlText(pattern)}`, true)
    const unmatched = tally.unmatched.map(a => ({ ...a.message, body: a.text }))
    page.addTable(messageTable(unmatched, names))
  }
}

/** "Decision: approved; approved by Alice Tanaka (2002)" / "rejected, by Bob Suzuki (3003)". */
function decisionLine(decision: Decision, tally: Tally, names: Names): string {
  const who = (id: string) => `${names.get(id) ?? 'account'} (${id})`
  const by = tally.decided?.by.message.account.account_id
  const detail =
    decision === 'rejected' && by !== undefined
      ? `, by ${who(String(by))}`
      : tally.approvers.length > 0
        ? `; approved by ${tally.approvers.map(who).join(', ')}`
        : ''
  return `<b>Decision: ${decision}</b>${htmlText(detail)}`
}

/**
 * A short quote of someone's text for a log line: on one line, cut, JSON-quoted, `##[` broken,
 * so that it cannot start a runner command.
 */
export function snippet(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  const cut = flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
  return breakLegacyCommands(JSON.stringify(cut))
}
