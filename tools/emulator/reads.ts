/**
 * Two kinds of marks per room: how far each token has fetched with `force=0` (Chatwork's
 * "not yet retrieved" cursor) and how far each account has read (`unread_num`,
 * `mention_num`, `PUT …/messages/read`). Both count in arrival order, not by id.
 */
import { mentions } from './notation.js'
import type { Account, Room, StoredMessage } from './types.js'

interface UnreadCounts {
  unread_num: number
  mention_num: number
}

export class ReadMarks {
  private readonly fetched = new Map<string, number>()
  private readonly read = new Map<string, number>()
  private readonly selfUnread = new WeakSet<StoredMessage>()

  constructor(private readonly seq: (message: StoredMessage) => number) {}

  reset(): void {
    this.fetched.clear()
    this.read.clear()
  }

  /** The messages `token` has not fetched yet; `move` sets its cursor past all of them. */
  notFetched(token: string, room: Room, { move }: { move: boolean }): StoredMessage[] {
    const key = `${token}\u0000${room.room_id}`
    const seen = this.fetched.get(key) ?? 0
    const latest = room.messages.reduce((max, m) => Math.max(max, this.seq(m)), seen)
    if (move) this.fetched.set(key, latest)
    return room.messages.filter(m => this.seq(m) > seen)
  }

  leaveUnread(message: StoredMessage): void {
    this.selfUnread.add(message)
  }

  /** Messages `account` has not read: others' (and its own sent with `self_unread=1`). */
  unread(account: Account, room: Room): StoredMessage[] {
    const mark = this.read.get(readKey(account, room)) ?? 0
    return room.messages.filter(
      m =>
        this.seq(m) > mark &&
        (m.account.account_id !== account.account_id || this.selfUnread.has(m))
    )
  }

  /** Whether `message` is already read by `account`. */
  isRead(account: Account, room: Room, message: StoredMessage): boolean {
    return this.seq(message) <= (this.read.get(readKey(account, room)) ?? 0)
  }

  /** Marks read up to `message`, or everything in the room. */
  markRead(account: Account, room: Room, message?: StoredMessage): void {
    const upTo = message
      ? this.seq(message)
      : room.messages.reduce((max, m) => Math.max(max, this.seq(m)), 0)
    const key = readKey(account, room)
    this.read.set(key, Math.max(upTo, this.read.get(key) ?? 0))
  }

  /**
   * Unread messages, and those of them that mention the account: [To:id], [rp aid=id] or
   * [toall], outside quotes. A tag broken by a zero-width space after `[` mentions no one.
   */
  counts(account: Account, room: Room): UnreadCounts {
    const unread = this.unread(account, room)
    const mentioning = unread.filter(m => {
      const { to, toAll } = mentions(m.body)
      return toAll || to.includes(account.account_id)
    })
    return { unread_num: unread.length, mention_num: mentioning.length }
  }
}

function readKey(account: Account, room: Room): string {
  return `${account.account_id}\u0000${room.room_id}`
}
