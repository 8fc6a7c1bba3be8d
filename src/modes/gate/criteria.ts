/**
 * fetch as a workflow gate: which messages count, what they decide, and how often to look again
 * without using up the token's rate limit (300 requests per 5 minutes, shared with every other
 * step). Pure functions: the waiting loop is in modes/fetch.ts.
 */
import type { RateLimitState } from '../../chatwork/retry.js'
import type { ChatworkMessage } from '../../chatwork/answers.js'
import type { Gate } from '../../inputs/settings.js'
import { readSpoken, type DisplayNames, type Spoken } from '../../chatwork/notation.js'
import type { Pattern } from '../../inputs/pattern.js'
import { placeAgainst, type Anchor, type AnchorPoint, type Place } from './window.js'
import { plural } from '../../format.js'

export type Decision = 'approved' | 'rejected' | 'timed-out' | 'none'

export interface Criteria {
  match: Pattern | undefined
  reject: Pattern | undefined
  /** Account ids as strings; empty: any account. */
  from: Set<string>
  /** Accounts whose role in the room is one of `from-roles`; undefined: any role. */
  roles: Set<string> | undefined
  /** Only messages posted after this one count (window.ts). */
  after: AnchorPoint | undefined
  /** An account whose messages never count (the token's own, when no `from-account-ids`). */
  exclude: number | undefined
  /** `{room}-{message}`: only replies to that message count. */
  repliesTo: string | undefined
  minApprovals: number
  /** `exclude-initiator`: the accounts of who started the run. */
  initiators: Set<string>
  /** Display names by account id: the names the buttons insert after a tag (notation.ts). */
  names: DisplayNames
}

export function criteria(
  gate: Gate,
  roomId: string,
  ownAccountId: number | undefined,
  roleAccounts: Set<string> | undefined,
  names: DisplayNames = new Map()
): Criteria {
  return {
    match: gate.match,
    reject: gate.rejectMatch,
    from: new Set(gate.fromAccountIds),
    roles: roleAccounts,
    after: gate.afterMessageId ? { id: gate.afterMessageId, sendTime: undefined } : undefined,
    exclude: ownAccountId,
    repliesTo: gate.repliesTo ? `${roomId}-${gate.repliesTo}` : undefined,
    minApprovals: gate.minApprovals,
    initiators: new Set(gate.initiators.map(i => i.accountId)),
    names
  }
}

/** Whether any filter is set: without one, fetch is a plain fetch and decides nothing. */
export function hasFilters(gate: Gate): boolean {
  return (
    gate.match !== undefined ||
    gate.rejectMatch !== undefined ||
    gate.fromAccountIds.length > 0 ||
    gate.fromRoles.length > 0 ||
    gate.afterMessageId !== '' ||
    gate.repliesTo !== ''
  )
}

/**
 * Whether the token's own account must be looked up: its messages never count unless
 * `from-account-ids` names it, whatever other filter is set, so that a bot cannot approve itself.
 */
export function needsOwnAccount(gate: Gate): boolean {
  return hasFilters(gate) && gate.fromAccountIds.length === 0
}

/** The criteria with the first look's anchor applied (the inputs' anchors are in `criteria`). */
export function anchored(c: Criteria, anchor: Anchor): Criteria {
  if (anchor.kind !== 'first-look') return c
  const { id, sendTime } = anchor
  return { ...c, after: id === undefined ? undefined : { id, sendTime } }
}

/** Why an answer that matches a pattern does not count, as the log and the summary say it. */
export type Reason =
  | 'posted before the anchor'
  | 'posted in the same second as the anchor'
  | 'author is the initiator'
  | 'author not among from-account-ids'
  | "author's role not in from-roles"
  | 'not a Reply to the question'

/**
 * Why the message is not from an account whose word counts, in the window that counts, as a
 * reply when one is asked for; undefined: it counts. The token's own messages are left out
 * without a reason: they are the question, not an answer.
 */
function whyNot(
  message: ChatworkMessage,
  spoken: Spoken,
  place: Place,
  c: Criteria
): Reason | null | undefined {
  const account = String(message.account.account_id)
  if (c.exclude !== undefined && message.account.account_id === c.exclude) return null
  if (place === 'before') return 'posted before the anchor'
  if (place === 'unplaced') return 'posted in the same second as the anchor'

  if (c.initiators.has(account)) return 'author is the initiator'
  if (c.from.size > 0 && !c.from.has(account)) return 'author not among from-account-ids'
  if (c.roles && !c.roles.has(account)) return "author's role not in from-roles"
  if (c.repliesTo !== undefined && !spoken.repliesTo.includes(c.repliesTo)) {
    return 'not a Reply to the question'
  }
  return undefined
}

export interface Answer {
  message: ChatworkMessage
  /** What the person wrote (see notation.ts). */
  text: string
}

export interface Tally {
  /** approved or rejected, with the message that decided; undefined: no decision yet. */
  decided: { decision: 'approved' | 'rejected'; by: Answer } | undefined
  /** Distinct approving account ids, oldest first. */
  approvers: string[]
  /** The messages that counted: approvals, and the rejection. */
  counted: Answer[]
  /** Messages from admissible accounts that matched neither pattern. */
  unmatched: Answer[]
  /** Answers that match a pattern but do not count, with the reason, oldest first. */
  uncounted: (Answer & { reason: Reason })[]
}

/**
 * Goes through the messages oldest first (in window.ts's `oldestFirst` order, against which
 * the anchor is placed): a rejection ends the count at once; approvals from distinct accounts
 * add up until `minApprovals`. `reject` is tested before `match`.
 */
export function tally(messages: ChatworkMessage[], c: Criteria): Tally {
  const result: Tally = {
    decided: undefined,
    approvers: [],
    counted: [],
    unmatched: [],
    uncounted: []
  }
  const placeOf = placeAgainst(messages, c.after)
  for (const message of messages) {
    const spoken = readSpoken(message.body, c.names)
    const answer = { message, text: spoken.text }
    const reason = whyNot(message, spoken, placeOf(message), c)
    if (reason !== undefined) {
      if (reason !== null && matchesAny(spoken.text, c))
        result.uncounted.push({ ...answer, reason })
      continue
    }
    if (c.reject?.test(spoken.text)) {
      result.counted.push(answer)
      result.decided = { decision: 'rejected', by: answer }
      break
    }
    if (c.match && !c.match.test(spoken.text)) {
      result.unmatched.push(answer)
      continue
    }
    result.counted.push(answer)
    const account = String(message.account.account_id)
    if (!result.approvers.includes(account)) result.approvers.push(account)
    if (result.approvers.length >= c.minApprovals) {
      result.decided = { decision: 'approved', by: answer }
      break
    }
  }
  return result
}

/** Whether the text would decide, were its author's word to count. */
function matchesAny(text: string, c: Criteria): boolean {
  return (c.reject?.test(text) ?? false) || (c.match?.test(text) ?? false)
}

/** A tenth of the token's window is left for the other steps that share the token. */
const RESERVE_FRACTION = 0.1

/**
 * How long to wait before the next look: the poll interval, or longer when the requests left in
 * the token's window, less a reserve for other steps, would not last until it resets.
 */
export function pollDelay(
  baseMs: number,
  rateLimit: RateLimitState | undefined,
  nowMs: number
): number {
  if (!rateLimit) return baseMs
  const untilReset = rateLimit.reset * 1000 - nowMs
  if (untilReset <= 0) return baseMs
  const usable = rateLimit.remaining - Math.ceil(rateLimit.quota * RESERVE_FRACTION)
  if (usable <= 0) return untilReset + 1000
  return Math.max(baseMs, Math.ceil(untilReset / usable))
}

/** "2 approvals matching /lgtm/i from admins, replying to message 123": what the step waits for. */
export function describeCriteria(gate: Gate): string {
  const approvals =
    gate.minApprovals > 1 ? `${gate.minApprovals} approvals from different accounts` : 'a message'
  const parts = [gate.match ? `${approvals} matching ${gate.match.source}` : approvals]
  if (gate.rejectMatch) parts.push(`(or a rejection matching ${gate.rejectMatch.source})`)
  const from = gate.fromAccountIds
  if (from.length > 0) parts.push(`from ${plural(from.length, 'account')} ${from.join(', ')}`)
  // Each role in the plural ("admins or members"); 'readonly' is no noun.
  const roles = gate.fromRoles.map(role => (role === 'readonly' ? 'read-only members' : `${role}s`))
  if (roles.length > 0) parts.push(`from room ${roles.join(' or ')}`)
  if (needsOwnAccount(gate)) parts.push("not from the token's own account")
  const initiators = gate.initiators.map(i => `${i.login} (${i.accountId})`)
  if (initiators.length > 0) parts.push(`not from ${initiators.join(' or ')}, who started the run`)
  if (gate.repliesTo) parts.push(`replying to message ${gate.repliesTo}`)
  if (gate.afterMessageId) parts.push(`newer than message ${gate.afterMessageId}`)
  return parts.join(' ')
}
