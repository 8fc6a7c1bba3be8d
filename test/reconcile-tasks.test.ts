/**
 * The exactly-once look-up for `POST /tasks` (src/chatwork/reconcile-tasks.ts), asked through
 * the real client over HTTP of the emulator: among the open tasks the token's account gave with
 * this body and deadline, those announced since the step began, one for each assignee.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ChatworkClient } from '../src/chatwork/client.js'
import { findOwnTasks } from '../src/chatwork/reconcile-tasks.js'
import type { TaskDeadline } from '../src/chatwork/requests.js'
import { UndecidedError } from '../src/errors.js'
import {
  ALICE,
  BOB,
  BOT,
  ChatworkEmulator,
  DEFAULT_TOKEN,
  ROOM,
  type Profile
} from '../tools/emulator/index.js'

const room = String(ROOM)
const alice = String(ALICE.account_id)
const bob = String(BOB.account_id)
const NONE: TaskDeadline = { type: 'none', time: 0 }
/** 2026-07-01 00:00 UTC. */
const JULY = 1_782_864_000

let emulator: ChatworkEmulator

beforeAll(async () => {
  emulator = await new ChatworkEmulator().start()
})
afterAll(() => emulator.stop())
beforeEach(() => emulator.reset())

function client(server = emulator): ChatworkClient {
  return new ChatworkClient({
    baseUrl: server.url,
    token: DEFAULT_TOKEN,
    timeoutMs: 2_000,
    log: () => {},
    policy: { retries: 0 }
  })
}

/** The request as the step sent it. */
const review = (toIds: string[], deadline = NONE) => ({ body: 'Review #12', toIds, deadline })

/** Tasks the bot gave, announced an hour before the step (an earlier run's). */
function earlier(server: ChatworkEmulator, assignees: number[], body: string) {
  const tasks = server.addTask(ROOM, BOT, assignees, body)
  for (const task of tasks) {
    const notice = server.messages(ROOM).find(m => m.message_id === task.message_id)
    if (notice) server.backdate(ROOM, notice.message_id, 3600)
  }
  return tasks
}

const ids = (tasks: readonly { task_id: bigint | number | string }[]) =>
  tasks.map(t => String(t.task_id))

describe('findOwnTasks: did the lost POST /tasks create its tasks?', () => {
  it("finds one new task per assignee, in the request's order, asking for the token's own", async () => {
    const since = Date.now()
    const created = emulator.addTask(ROOM, BOT, [ALICE.account_id, BOB.account_id], 'Review #12')
    expect(await findOwnTasks(client(), room, review([bob, alice]), since)).toEqual(
      ids(created).reverse()
    )
    expect(
      emulator.requestsTo('GET', `/rooms/${room}/tasks`)[0]?.query.get('assigned_by_account_id')
    ).toBe(String(BOT.account_id))
  })

  it('absent when there is no such task', async () => {
    expect(await findOwnTasks(client(), room, review([alice]), Date.now())).toBeUndefined()
  })

  it('an identical open task older than the step is not taken for this one', async () => {
    const since = Date.now()
    earlier(emulator, [ALICE.account_id], 'Review #12')
    expect(await findOwnTasks(client(), room, review([alice]), since)).toBeUndefined()
    const fresh = emulator.addTask(ROOM, BOT, [ALICE.account_id], 'Review #12')
    expect(await findOwnTasks(client(), room, review([alice]), since)).toEqual(ids(fresh))
  })

  it('absent when the body, the assignee or the giver differs, or the task is done', async () => {
    const since = Date.now()
    emulator.addTask(ROOM, BOT, [ALICE.account_id], 'Review #13')
    emulator.addTask(ROOM, BOT, [BOB.account_id], 'Review #12')
    emulator.addTask(ROOM, ALICE, [ALICE.account_id], 'Review #12')
    const [done] = emulator.addTask(ROOM, BOT, [ALICE.account_id], 'Review #12')
    if (done) emulator.setTaskStatus(ROOM, done.task_id, 'done')
    expect(await findOwnTasks(client(), room, review([alice]), since)).toBeUndefined()
  })

  it.each<[string, boolean, TaskDeadline, { type: 'none' | 'date' | 'time'; time: number }]>([
    ['the same time', true, { type: 'time', time: JULY }, { type: 'time', time: JULY }],
    ['a time a second off', false, { type: 'time', time: JULY }, { type: 'time', time: JULY + 1 }],
    [
      'a date moved within its day',
      true,
      { type: 'date', time: JULY },
      { type: 'date', time: JULY + 86_399 }
    ],
    [
      'a date a day later',
      false,
      { type: 'date', time: JULY },
      { type: 'date', time: JULY + 86_400 }
    ],
    [
      'a time where a date was asked',
      false,
      { type: 'date', time: JULY },
      { type: 'time', time: JULY }
    ],
    [
      'no deadline where a time was asked',
      false,
      { type: 'time', time: JULY },
      { type: 'none', time: 0 }
    ]
  ])('deadline: %s → the task sent: %s', async (_, same, asked, stored) => {
    const since = Date.now()
    const created = emulator.addTask(ROOM, BOT, [ALICE.account_id], 'Review #12', stored)
    expect(await findOwnTasks(client(), room, review([alice], asked), since)).toEqual(
      same ? ids(created) : undefined
    )
  })

  it('a date moved to the end of its day in Tokyo is the task sent', async ({ onTestFinished }) => {
    const server = await new ChatworkEmulator({ profile: { taskDate: 'end-of-day' } }).start()
    onTestFinished(() => server.stop())
    const since = Date.now()
    const deadline: TaskDeadline = { type: 'date', time: JULY }
    const sent = await client(server).createTask(room, 'Review #12', [alice], deadline, since)
    expect(server.tasks(ROOM)[0]?.limit_time).not.toBe(JULY)
    expect(await findOwnTasks(client(server), room, review([alice], deadline), since)).toEqual(sent)
  })

  it.for<Partial<Profile>>([{ taskNotices: 'per-assignee' }, { taskNotices: 'unreadable' }])(
    'finds them however Chatwork announces them: %j',
    async (profile, { onTestFinished }) => {
      const server = await new ChatworkEmulator({ profile }).start()
      onTestFinished(() => server.stop())
      const since = Date.now()
      const created = server.addTask(ROOM, BOT, [ALICE.account_id, BOB.account_id], 'Review #12')
      expect(await findOwnTasks(client(server), room, review([alice, bob]), since)).toEqual(
        ids(created)
      )
    }
  )

  it('an assignee named twice has one task', async () => {
    const since = Date.now()
    const created = emulator.addTask(ROOM, BOT, [ALICE.account_id], 'Review #12')
    expect(await findOwnTasks(client(), room, review([alice, alice]), since)).toEqual(ids(created))
  })

  it('cannot tell when only some assignees have a new task', async () => {
    const since = Date.now()
    emulator.addTask(ROOM, BOT, [ALICE.account_id], 'Review #12')
    const error = await findOwnTasks(client(), room, review([alice, bob]), since).catch(
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(UndecidedError)
    expect(error).toMatchObject({
      message: `Room ${room} has 1 new open task with this body and deadline for ${alice}, not one for each of ${alice}, ${bob}: another run may have created them, or only part of this one arrived.`,
      advice: `Look at the open tasks in room ${room} and create the missing ones by hand; running the step again could assign some twice.`
    })
  })

  it('cannot tell when an assignee has two new identical tasks (another run at once)', async () => {
    const since = Date.now()
    emulator.addTask(ROOM, BOT, [ALICE.account_id], 'Review #12')
    emulator.addTask(ROOM, BOT, [ALICE.account_id], 'Review #12')
    await expect(findOwnTasks(client(), room, review([alice]), since)).rejects.toThrow(
      `Room ${room} has 2 new open tasks with this body and deadline for ${alice}, not one for each of ${alice}:`
    )
  })

  it('cannot tell when the message announcing a candidate cannot be read', async () => {
    const since = Date.now()
    const [task] = emulator.addTask(ROOM, BOT, [ALICE.account_id], 'Review #12')
    await client().deleteMessage(room, task?.message_id ?? '')
    const error = await findOwnTasks(client(), room, review([alice]), since).catch(
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(UndecidedError)
    expect(error).toMatchObject({
      message: `Task ${task?.task_id} in room ${room} has this body, assignee and deadline, but the message announcing it (${task?.message_id}) cannot be read, so it is unknown whether this step created it.`,
      advice: `Look at the open tasks in room ${room}: if the task is there for ${alice}, do not run the step again.`
    })
  })

  it('cannot tell for an old task whose notice the Free plan hides', async ({ onTestFinished }) => {
    const server = await new ChatworkEmulator({ profile: { freePlan: 'limited' } }).start()
    onTestFinished(() => server.stop())
    const since = Date.now()
    const [task] = server.addTask(ROOM, BOT, [ALICE.account_id], 'Review #12')
    const notice = server.messages(ROOM).find(m => m.message_id === task?.message_id)
    if (notice) server.backdate(ROOM, notice.message_id, 41 * 86_400)
    await expect(findOwnTasks(client(server), room, review([alice]), since)).rejects.toThrow(
      `but the message announcing it (${task?.message_id}) cannot be read`
    )
  })
})
