/**
 * fetch as a workflow gate: which messages count, and how often to look again without using up
 * the token's rate limit (300 requests per 5 minutes, shared with every other step).
 */
import type { RateLimitState } from './chatwork/client.js'
import type { ChatworkMessage } from './chatwork/types.js'
import type { Gate } from './inputs.js'

export interface Criteria {
  match: RegExp | undefined
  /** Account ids as strings; empty: any account. */
  from: Set<string>
  /** Only ids greater than this count. */
  after: bigint | undefined
  /** An account whose messages never count (the token's own, when matching without `from`). */
  exclude: number | undefined
}

export function criteria(gate: Gate, ownAccountId: number | undefined): Criteria {
  return {
    match: gate.match,
    from: new Set(gate.fromAccountIds),
    after: gate.afterMessageId ? BigInt(gate.afterMessageId) : undefined,
    exclude: ownAccountId
  }
}

/** Whether the token's own account must be looked up: to keep a question from answering itself. */
export function needsOwnAccount(gate: Gate): boolean {
  return gate.match !== undefined && gate.fromAccountIds.length === 0
}

/** Whether any filter is set: then `matched` says whether a message passed them. */
export function hasFilters(gate: Gate): boolean {
  return gate.match !== undefined || gate.fromAccountIds.length > 0 || gate.afterMessageId !== ''
}

export function passes(message: ChatworkMessage, c: Criteria): boolean {
  const account = message.account.account_id
  if (c.exclude !== undefined && account === c.exclude) return false
  if (c.from.size > 0 && !c.from.has(String(account))) return false
  if (c.after !== undefined && BigInt(message.message_id) <= c.after) return false
  if (c.match) {
    c.match.lastIndex = 0
    if (!c.match.test(message.body)) return false
  }
  return true
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
  const usable = rateLimit.remaining - Math.ceil(rateLimit.limit * RESERVE_FRACTION)
  if (usable <= 0) return untilReset + 1000
  return Math.max(baseMs, Math.ceil(untilReset / usable))
}

/** "/approve/i from accounts 2002, 3003 after message 123": what a waiting step waits for. */
export function describeCriteria(gate: Gate): string {
  const parts = [gate.match ? `a message matching ${String(gate.match)}` : 'a message']
  const from = gate.fromAccountIds
  if (from.length > 0) parts.push(`from account${from.length > 1 ? 's' : ''} ${from.join(', ')}`)
  else if (gate.match) parts.push("from anyone but the token's own account")
  if (gate.afterMessageId) parts.push(`newer than message ${gate.afterMessageId}`)
  return parts.join(' ')
}
