/**
 * The emulator's state as tests and scripts set it up and read it: directly, with no request
 * recorded and no limit applied (the HTTP side is server.ts, which extends this). Every change
 * goes through the world's methods, and what is read is read-only, so that nothing changes a
 * room behind the emulator's back; reset() (server.ts) puts it all back.
 */
import { mentionBody, quoteBody, replyBody, type ButtonOptions } from './notation.js'
import type { Profiles } from './profile.js'
import type {
  Account,
  LimitType,
  MemberRole,
  StoredFile,
  StoredMessage,
  StoredTask
} from './types.js'
import { World, nowSeconds } from './world.js'

/** A room as read from outside: nothing in it can be changed through it. */
interface RoomView {
  readonly room_id: number
  readonly name: string
  readonly members: ReadonlyMap<number, MemberRole>
  readonly messages: readonly Readonly<StoredMessage>[]
  readonly files: readonly Readonly<StoredFile>[]
  readonly tasks: readonly Readonly<StoredTask>[]
}

export class EmulatorState {
  protected readonly world: World

  constructor(profiles: Profiles) {
    this.world = new World(profiles)
  }

  /** The accounts by token. */
  get accounts(): ReadonlyMap<string, Readonly<Account>> {
    return this.world.accounts
  }

  get rooms(): ReadonlyMap<number, RoomView> {
    return this.world.rooms
  }

  addRoom(roomId: number, name: string, members: [number, MemberRole][]): RoomView {
    return this.world.addRoom(roomId, name, members)
  }

  /** A member's role in a room (a new member joins with it). */
  setRole(roomId: number, accountId: number, role: MemberRole): void {
    this.world.setRole(roomId, accountId, role)
  }

  /** Stores a message as if `account` had posted it (no rate limits, no request recorded). */
  post(
    roomId: number,
    account: Account,
    body: string,
    sendTime = nowSeconds()
  ): Readonly<StoredMessage> {
    return this.world.post(roomId, account, body, { sendTime })
  }

  /**
   * What Chatwork's Reply button makes; the author is the replied-to message's. `options`
   * picks the line break and how the client writes the name (`Name`, ` Name`, `Nameさん`).
   */
  reply(
    roomId: number,
    account: Account,
    toMessageId: string,
    text: string,
    options: ButtonOptions = {}
  ): Readonly<StoredMessage> {
    const original = this.messages(roomId).find(m => m.message_id === toMessageId)
    if (!original) throw new Error(`no message ${toMessageId} in room ${roomId}`)
    return this.post(roomId, account, replyBody(roomId, original, text, options))
  }

  /** What Chatwork's To button makes: `[To:{id}]{name}`, a line break, then the text. */
  mention(
    roomId: number,
    account: Account,
    to: Account,
    text: string,
    options: ButtonOptions = {}
  ): Readonly<StoredMessage> {
    return this.post(roomId, account, mentionBody(to, text, options))
  }

  /** What quoting makes: `[qt][qtmeta aid=… time=…]…[/qt]`, then the text. */
  quote(
    roomId: number,
    account: Account,
    quoted: Readonly<StoredMessage>,
    text: string
  ): Readonly<StoredMessage> {
    return this.post(roomId, account, quoteBody(quoted, text))
  }

  /** The message as if posted `seconds` earlier (older than a look-up's window, say). */
  backdate(roomId: number, messageId: string, seconds: number): void {
    this.world.backdate(roomId, messageId, seconds)
  }

  /** The message gone from the room, as if its author had deleted it in Chatwork's app. */
  removeMessage(roomId: number, messageId: string): void {
    this.world.remove(roomId, this.world.message(roomId, messageId), { marker: false })
  }

  messages(roomId: number): readonly Readonly<StoredMessage>[] {
    return this.world.rooms.get(roomId)?.messages ?? []
  }

  tasks(roomId: number): readonly Readonly<StoredTask>[] {
    return this.world.rooms.get(roomId)?.tasks ?? []
  }

  /**
   * Stores tasks as if `by` had added them (no rate limits, no request recorded): one task per
   * assignee, announced in the room as Chatwork shows a new task.
   */
  addTask(
    roomId: number,
    by: Account,
    assignees: number[],
    body: string,
    deadline: { type: LimitType; time: number } = { type: 'none', time: 0 }
  ): readonly Readonly<StoredTask>[] {
    return this.world.addTask(roomId, by, assignees, body, deadline)
  }

  /** A task marked done or open again, as if its assignee had (no request recorded). */
  setTaskStatus(roomId: number, taskId: bigint, status: StoredTask['status']): void {
    this.world.setTaskStatus(this.world.task(roomId, taskId), status)
  }
}
