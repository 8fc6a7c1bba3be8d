/**
 * The emulator's world: accounts by token, rooms with their members, messages, files and
 * tasks, the order messages arrived in, and what each reader has fetched and read.
 */
import { FIXTURE_ROOMS, FIXTURE_TOKENS, accountOf } from './fixtures.js'
import { Ids } from './ids.js'
import { taskNotice, unreadableTaskNotice } from './notation.js'
import type { Profiles } from './profile.js'
import { ReadMarks } from './reads.js'
import type {
  Account,
  LimitType,
  MemberRole,
  Room,
  StoredFile,
  StoredMessage,
  StoredTask
} from './types.js'

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000)
}

interface PostOptions {
  sendTime?: number
  /** `self_unread=1`: the message stays unread for its author too. */
  selfUnread?: boolean
}

export class World {
  readonly accounts = new Map<string, Account>()
  readonly rooms = new Map<number, Room>()
  /** What each token has fetched with `force=0`, and what each account has read. */
  readonly marks: ReadMarks
  readonly ids: Ids
  /** Arrival order: ids need not follow it (see the messageIds factor). */
  private readonly order = new WeakMap<StoredMessage, number>()
  private arrivals = 0

  constructor(readonly profiles: Profiles) {
    this.ids = new Ids(profiles)
    this.marks = new ReadMarks(m => this.seq(m))
    this.reset()
  }

  /** Back to the fixtures: their tokens and rooms, nothing posted, nothing fetched or read. */
  reset(): void {
    this.accounts.clear()
    for (const [token, account] of FIXTURE_TOKENS) this.accounts.set(token, account)
    this.rooms.clear()
    for (const room of FIXTURE_ROOMS) this.addRoom(room.roomId, room.name, room.members)
    this.marks.reset()
  }

  addRoom(roomId: number, name: string, members: [number, MemberRole][]): Room {
    const room: Room = {
      room_id: roomId,
      name,
      members: new Map(members),
      messages: [],
      files: [],
      tasks: []
    }
    this.rooms.set(roomId, room)
    return room
  }

  room(roomId: number): Room {
    const room = this.rooms.get(roomId)
    if (!room) throw new Error(`no room ${roomId}`)
    return room
  }

  /** When the message arrived, counting from 1. */
  seq(message: StoredMessage): number {
    return this.order.get(message) ?? 0
  }

  /** Stores a message as if `account` had posted it. */
  post(roomId: number, account: Account, body: string, options: PostOptions = {}): StoredMessage {
    const room = this.room(roomId)
    const message: StoredMessage = {
      message_id: this.ids.message(),
      account: { ...account },
      body,
      send_time: options.sendTime ?? nowSeconds(),
      update_time: 0
    }
    this.order.set(message, ++this.arrivals)
    if (options.selfUnread) this.marks.leaveUnread(message)
    room.messages.push(message)
    return message
  }

  /** A new body, as an edit leaves it. */
  edit(message: StoredMessage, body: string): void {
    message.body = body
    message.update_time = nowSeconds()
  }

  /** Gone from the room, or left in place as `[deleted]` (`marker`). */
  remove(roomId: number, message: StoredMessage, { marker }: { marker: boolean }): void {
    const { messages } = this.room(roomId)
    if (marker) message.body = '[deleted]'
    else messages.splice(messages.indexOf(message), 1)
  }

  /** The message as if posted `seconds` earlier. */
  backdate(roomId: number, messageId: string, seconds: number): void {
    this.message(roomId, messageId).send_time -= seconds
  }

  message(roomId: number, messageId: string): StoredMessage {
    const message = this.room(roomId).messages.find(m => m.message_id === messageId)
    if (!message) throw new Error(`no message ${messageId} in room ${roomId}`)
    return message
  }

  addFile(roomId: number, file: StoredFile): void {
    this.room(roomId).files.push(file)
  }

  /** A member's role; a new member joins with it. */
  setRole(roomId: number, accountId: number, role: MemberRole): void {
    this.room(roomId).members.set(accountId, role)
  }

  task(roomId: number, taskId: bigint): StoredTask {
    const task = this.room(roomId).tasks.find(t => t.task_id === taskId)
    if (!task) throw new Error(`no task ${taskId} in room ${roomId}`)
    return task
  }

  setTaskStatus(task: StoredTask, status: StoredTask['status']): void {
    task.status = status
  }

  /** One task per assignee, announced in the room as the taskNotices factor says. */
  addTask(
    roomId: number,
    by: Account,
    assignees: number[],
    body: string,
    deadline: { type: LimitType; time: number }
  ): StoredTask[] {
    const room = this.room(roomId)
    const notices = this.announce(roomId, by, assignees, body, deadline.time)
    const created = assignees.map((aid, i) => ({
      task_id: this.ids.task(),
      account: { ...accountOf(aid) },
      assigned_by_account: { ...by },
      message_id: (notices[i] ?? notices[0])?.message_id ?? '',
      body,
      limit_time: deadline.time,
      status: 'open' as const,
      limit_type: deadline.type
    }))
    room.tasks.push(...created)
    return created
  }

  /** The notices for new tasks: one, one per assignee, or one without `[task]` tags. */
  private announce(roomId: number, by: Account, assignees: number[], body: string, lt: number) {
    const style = this.profiles.use('taskNotices')
    if (style === 'per-assignee') {
      return assignees.map(aid => this.post(roomId, by, taskNotice([aid], body, lt)))
    }
    const text =
      style === 'unreadable' ? unreadableTaskNotice(body) : taskNotice(assignees, body, lt)
    return [this.post(roomId, by, text)]
  }
}
