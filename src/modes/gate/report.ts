/** What fetch reports: its outputs, the job summary, and short quotes of what people wrote. */
import type { ChatworkMessage } from '../../chatwork/answers.js'
import { Output } from '../../constants.js'
import { describeCriteria, hasFilters, type Decision, type Reason, type Tally } from './criteria.js'
import type { FetchSettings } from '../../inputs/settings.js'
import type { Log, Outputs } from '../result.js'
import type { Names } from '../../summary/preview.js'
import { breakLegacyCommands, counted, plural } from '../../format.js'
import { markup, type Html } from '../../summary/html.js'
import { MESSAGE_COLUMNS, messageRows, namesOf } from '../../summary/tables.js'
import type { SummaryPage } from '../../summary/page.js'

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

export function summarizeFetch(page: SummaryPage, part: SummaryPart): void {
  const { roomId, settings, messages, tally } = part
  const names = namesOf(part.seen)
  page.addHeading(`Chatwork room ${roomId}: ${counted(messages.length, 'message')}`)
  if (hasFilters(settings.gate)) {
    page.addParagraph(`Counting only ${describeCriteria(settings.gate)}.`)
  }
  if (part.decision && tally)
    page.addParagraph(decisionLine(part.decision, tally, names, settings.gate.minApprovals))
  if (messages.length > 0) {
    page.addTable(MESSAGE_COLUMNS, messageRows(messages, names), 'messages')
  } else if (settings.unreadOnly) page.addParagraph('Nothing new since the last fetch.')
  else page.addParagraph('No messages.')
  if (tally && tally.unmatched.length > 0) {
    const pattern = settings.gate.match?.source ?? ''
    page.addParagraph(`Not counted: what these people wrote does not match ${pattern}`)
    const unmatched = tally.unmatched.map(a => ({ ...a.message, body: a.text }))
    page.addTable(MESSAGE_COLUMNS, messageRows(unmatched, names), 'answers')
  }
  if (tally && tally.uncounted.length > 0) {
    page.addParagraph('Did not count: these answers match, but their authors or places do not')
    const rows = messageRows(
      tally.uncounted.map(a => ({ ...a.message, body: a.text })),
      names
    )
    const reasons = tally.uncounted.map(a => a.reason)
    page.addTable(
      [...MESSAGE_COLUMNS, 'Why it did not count'],
      rows.map((row, i) => [...row, reasons[i] ?? '']),
      'answers that did not count'
    )
    if (reasons.includes('not a Reply to the question')) {
      page.addParagraph(
        'The To button and plain messages never count as an answer. Press Reply on the question to answer.'
      )
    }
  }
}

/** "Decision: approved; approved by Alice Tanaka (2002)" / "rejected, by Bob Suzuki (3003)". */
function decisionLine(decision: Decision, tally: Tally, names: Names, minApprovals: number): Html {
  const who = (id: string) => `${names.get(id) ?? 'account'} (${id})`
  const by = tally.decided?.by.message.account.account_id
  const detail =
    decision === 'rejected' && by !== undefined
      ? `, by ${who(String(by))}`
      : decision === 'timed-out' || decision === 'none'
        ? `: ${tally.approvers.length} of ${minApprovals} ${plural(minApprovals, 'approval')}${tally.approvers.length > 0 ? ` (${tally.approvers.map(id => `${names.get(id) ?? 'account'}, ${id}`).join('; ')})` : ''}`
        : tally.approvers.length > 0
          ? `; approved by ${tally.approvers.map(who).join(', ')}`
          : ''
  return markup`<b>Decision: ${decision}</b>${detail}`
}

/**
 * "Why didn't my approval count?" answers itself: each answer that matches a pattern but does
 * not count is named once (`reported` holds the message ids already named), with the reason.
 */
/** What the person can do about a reason, after it in the log line. */
const ADVICE: Partial<Record<Reason, string>> = {
  'posted in the same second as the anchor':
    " (the room's list no longer holds the anchor, and ids do not tell the order within a second). An answer posted later counts",
  'not a Reply to the question':
    ' (the To button and plain messages never count). Press Reply on the question to answer'
}

export function reportUncounted(log: Log, tally: Tally, reported: Set<string>): void {
  for (const { message, text, reason } of tally.uncounted) {
    if (reported.has(message.message_id)) continue
    reported.add(message.message_id)
    log.info(
      `Message ${message.message_id} from ${snippet(message.account.name, 40)} (${message.account.account_id}) does not count: ${reason}${ADVICE[reason] ?? ''}. It says ${snippet(text, 80)}.`
    )
  }
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
