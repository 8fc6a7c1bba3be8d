/**
 * The emulator's world: accounts by token, rooms with their members, messages, files and
 * tasks, the ids it hands out and each token's `force=0` cursor.
 */
import { FIXTURE_ROOMS, FIXTURE_TOKENS, accountOf } from './fixtures.js'
import { taskNotice } from './notation.js'
import type { Account, LimitType, Role, Room, StoredMessage, StoredTask } from './types.js'

const FIRST_MESSAGE_ID = 1928374655918273645n
/** 2^53 + 1: the first integer a JavaScript Number cannot hold. */
const FIRST_TASK_ID = 9007199254740993n

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000)
}

export class World {
  readonly accounts = new Map<string, Account>()
  readonly rooms = new Map<number, Room>()
  /** How many messages each token has fetched per room (`force=0`). */
  readonly cursors = new Map<string, number>()
  // Ids keep counting across reset(): an id from an earlier test never comes back.
  private nextId = FIRST_MESSAGE_ID
  private nextFileId = 40001
  private nextTaskId = FIRST_TASK_ID

  constructor() {
    this.reset()
  }

  /** Back to the fixtures: their tokens and rooms, nothing posted, no cursor. */
  reset(): void {
    this.accounts.clear()
    for (const [token, account] of FIXTURE_TOKENS) this.accounts.set(token, account)
    this.rooms.clear()
    for (const room of FIXTURE_ROOMS) this.addRoom(room.roomId, room.name, room.members)
    this.cursors.clear()
  }

  addRoom(roomId: number, name: string, members: [number, Role][]): Room {
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

  /** Stores a message as if `account` had posted it. */
  post(roomId: number, account: Account, body: string, sendTime = nowSeconds()): StoredMessage {
    const room = this.room(roomId)
    const message: StoredMessage = {
      message_id: (this.nextId++).toString(),
      account: { ...account },
      body,
      send_time: sendTime,
      update_time: 0
    }
    // Real ids are not consecutive; leave gaps so clients cannot rely on +1.
    this.nextId += 1_000_000_000n + BigInt(Math.floor(Math.random() * 1000))
    room.messages.push(message)
    return message
  }

  newFileId(): number {
    return this.nextFileId++
  }

  /** One task per assignee, all announced by one message in the room. */
  addTask(
    roomId: number,
    by: Account,
    assignees: number[],
    body: string,
    limit: { type: LimitType; time: number }
  ): StoredTask[] {
    const room = this.room(roomId)
    const message = this.post(roomId, by, taskNotice(assignees, body, limit.time))
    const created = assignees.map(aid => {
      const task: StoredTask = {
        task_id: this.nextTaskId,
        account: { ...accountOf(aid) },
        assigned_by_account: { ...by },
        message_id: message.message_id,
        body,
        limit_time: limit.time,
        status: 'open',
        limit_type: limit.type
      }
      // Not consecutive either.
      this.nextTaskId += 7n + BigInt(Math.floor(Math.random() * 100))
      return task
    })
    room.tasks.push(...created)
    return created
  }
}
