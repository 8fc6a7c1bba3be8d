/**
 * The gate's window: from which message on answers count, as the log states it. Pure
 * functions, like criteria.ts.
 */
import type { ChatworkMessage } from '../../chatwork/types.js'
import type { Gate } from '../../inputs/settings.js'

/**
 * Where the window of messages that count starts. An explicit `after-message-id` or `replies-to`
 * names it; a gate that waits without either starts at the newest message of its first look, so
 * that an answer left in the room by an earlier run cannot decide this one; a gate that looks
 * once has no window: any message of that look counts.
 */
export type Anchor =
  | { kind: 'input'; input: 'after-message-id' | 'replies-to'; id: string }
  /** id undefined: the first look found no message, so every later one counts. */
  | { kind: 'first-look'; id: string | undefined }
  | { kind: 'none' }

export function anchorOf(gate: Gate, firstLook: Iterable<ChatworkMessage>): Anchor {
  if (gate.afterMessageId)
    return { kind: 'input', input: 'after-message-id', id: gate.afterMessageId }
  if (gate.repliesTo) return { kind: 'input', input: 'replies-to', id: gate.repliesTo }
  if (gate.waitMs === 0) return { kind: 'none' }
  let newest: bigint | undefined
  for (const message of firstLook) {
    const id = BigInt(message.message_id)
    if (newest === undefined || id > newest) newest = id
  }
  return { kind: 'first-look', id: newest?.toString() }
}

/** The rule of which messages count, for the criteria line of the log. */
export function describeWindow(
  gate: Gate,
  anchor: Anchor,
  ownAccountId: number | undefined
): string {
  const window =
    anchor.kind === 'input'
      ? `Counting only messages newer than message ${anchor.id} ('${anchor.input}')`
      : anchor.kind === 'first-look'
        ? anchor.id === undefined
          ? 'Counting only messages posted after the first look (the room had none then)'
          : `Counting only messages newer than message ${anchor.id}, the newest at the first look`
        : 'Counting any message among the last 100 fetched'
  const own =
    gate.fromAccountIds.length > 0
      ? "the token's own messages count only if 'from-account-ids' names its account"
      : `the token's own messages${ownAccountId === undefined ? '' : ` (account ${ownAccountId})`} never count unless 'from-account-ids' names that account`
  return `${window}; ${own}.`
}

/**
 * A gate that looks once with `match` and no anchor takes any matching message among the last
 * 100, also one left by an earlier run: said once, as a warning, since it may approve on a stale
 * answer.
 */
export function staleAnswerWarning(gate: Gate): string | undefined {
  if (gate.waitMs > 0 || gate.match === undefined || gate.afterMessageId || gate.repliesTo) {
    return undefined
  }
  return "The gate looks once ('wait-timeout-seconds' is 0) with 'match' but without 'after-message-id' or 'replies-to': any matching message among the room's last 100 counts, also one left by an earlier run. Set 'replies-to' to the message-id output of the step that asked."
}
