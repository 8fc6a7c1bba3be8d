/**
 * The gate's window: from which message on answers count, as the log states it, and which
 * messages come after that one. Pure functions, like criteria.ts.
 *
 * Chatwork lists a room's messages in posting order, but nothing says that ids grow with each
 * post (the emulator's `messageIds=unordered` plays ids that do not), so "after" is never decided
 * by comparing ids: a message counts when it comes after the anchor in the room's order.
 */
import type { ChatworkMessage } from '../../chatwork/answers.js'
import type { Gate } from '../../inputs/settings.js'
import { Input } from '../../constants.js'

/**
 * Where the window of messages that count starts. An explicit `after-message-id` or `replies-to`
 * names it; a gate that waits without either starts at the newest message of its first look, so
 * that an answer left in the room by an earlier run cannot decide this one; a gate that looks
 * once has no window: any message of that look counts.
 */
export type Anchor =
  | { kind: 'input'; input: typeof Input.afterMessageId | typeof Input.repliesTo; id: string }
  /** id undefined: the first look found no message, so every later one counts. */
  | { kind: 'first-look'; id: string | undefined; sendTime: number | undefined }
  | { kind: 'none' }

export function anchorOf(gate: Gate, firstLook: Iterable<ChatworkMessage>): Anchor {
  if (gate.afterMessageId)
    return { kind: 'input', input: Input.afterMessageId, id: gate.afterMessageId }
  if (gate.repliesTo) return { kind: 'input', input: Input.repliesTo, id: gate.repliesTo }
  if (gate.waitMs === 0) return { kind: 'none' }
  const newest = oldestFirst([...firstLook]).at(-1)
  return { kind: 'first-look', id: newest?.message_id, sendTime: newest?.send_time }
}

/**
 * The room's order, oldest first: by `send_time`, and within one second the list's own order
 * (the sort is stable), which is Chatwork's posting order; ids need not grow with each post.
 */
export function oldestFirst(messages: readonly ChatworkMessage[]): ChatworkMessage[] {
  return [...messages].sort((a, b) => a.send_time - b.send_time)
}

/** The message from which on answers count. */
export interface AnchorPoint {
  id: string
  /** Its `send_time`; undefined until read, for an anchor that no look listed (lookups.ts). */
  sendTime: number | undefined
}

/** Where a message stands against the anchor: `unplaced` when that cannot be told. */
export type Place = 'before' | 'after' | 'unplaced'

/**
 * Where each of `messages` (oldest first, as `oldestFirst` orders them) stands against the
 * anchor. Listed among them, the anchor's place decides (it and what precedes it are
 * `before`). Not listed (older than the room's last 100, or read already with `unread-only`),
 * its `send_time` does: an earlier second is before, a later one after, and the same second
 * cannot be told apart without trusting ids, so such a message is `unplaced` and does not
 * count; nor does any when the anchor's time is unknown. Failing closed: an answer that
 * may be older than the question never approves.
 */
export function placeAgainst(
  messages: readonly ChatworkMessage[],
  anchor: AnchorPoint | undefined
): (message: ChatworkMessage) => Place {
  if (anchor === undefined) return () => 'after'
  const index = messages.findIndex(m => m.message_id === anchor.id)
  if (index >= 0) {
    const before = new Set(messages.slice(0, index + 1).map(m => m.message_id))
    return message => (before.has(message.message_id) ? 'before' : 'after')
  }
  const { sendTime } = anchor
  return message =>
    sendTime === undefined || message.send_time === sendTime
      ? 'unplaced'
      : message.send_time < sendTime
        ? 'before'
        : 'after'
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
      ? `the token's own messages count only if '${Input.fromAccountIds}' names its account`
      : `the token's own messages${ownAccountId === undefined ? '' : ` (account ${ownAccountId})`} never count unless '${Input.fromAccountIds}' names that account`
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
  return `The gate looks once ('${Input.waitTimeoutSeconds}' is 0) with '${Input.match}' but without '${Input.afterMessageId}' or '${Input.repliesTo}': any matching message among the room's last 100 counts, also one left by an earlier run. Set '${Input.repliesTo}' to the message-id output of the step that asked.`
}
