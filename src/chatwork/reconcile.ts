/**
 * Exactly once: after an ambiguous failure (the request may have reached Chatwork), these
 * look-ups find out whether it took effect, before the engine sends it again. Each returns the
 * id the request would have returned, or undefined when it did not take effect.
 */
import { ChatworkHttpError } from '../errors.js'
import type { FilePart } from './http.js'
import type { TaskLimit } from './requests.js'
import type { ChatworkTask } from './tasks.js'
import type { ChatworkFile, ChatworkMessage, Me } from './types.js'

/** What the look-ups read: a narrow view of the client's endpoints. */
export interface Lookups {
  getMe(): Promise<Me>
  listMessages(roomId: string, force: boolean): Promise<{ items: ChatworkMessage[] }>
  listFiles(roomId: string, accountId: number): Promise<ChatworkFile[]>
  getMessage(roomId: string, messageId: string): Promise<ChatworkMessage>
  listTasks(roomId: string, assignedBy: number): Promise<ChatworkTask[]>
}

/**
 * The id of a message with this body from the token's own account since `since` (Unix ms).
 * Only the room's latest 100 messages can be seen.
 */
export async function findOwnPost(
  api: Lookups,
  roomId: string,
  body: string,
  since: number
): Promise<string | undefined> {
  const me = await api.getMe()
  const { items } = await api.listMessages(roomId, true)
  const found = items
    .filter(
      m =>
        m.account.account_id === me.account_id && m.body === body && m.send_time >= toSeconds(since)
    )
    .pop()
  return found?.message_id
}

/** The id of a file of this name and size uploaded by the token's own account since `since`. */
export async function findOwnUpload(
  api: Lookups,
  roomId: string,
  file: FilePart,
  since: number
): Promise<string | undefined> {
  const me = await api.getMe()
  const files = await api.listFiles(roomId, me.account_id)
  const found = files
    .filter(
      f =>
        f.filename === file.name &&
        f.filesize === file.content.length &&
        f.upload_time >= toSeconds(since)
    )
    .pop()
  return found === undefined ? undefined : String(found.file_id)
}

/**
 * The ids of the tasks a lost `POST /tasks` created, if it did: open tasks the token's account
 * gave with this body and deadline, announced by one message, whose assignees are exactly
 * `toIds`, and whose message was posted since `since` (an older, identical task is not ours).
 */
export async function findOwnTasks(
  api: Lookups,
  roomId: string,
  task: { body: string; toIds: string[]; limit: TaskLimit },
  since: number
): Promise<string[] | undefined> {
  const me = await api.getMe()
  const tasks = await api.listTasks(roomId, me.account_id)
  const byMessage = new Map<string, ChatworkTask[]>()
  for (const t of tasks) {
    const same =
      t.body === task.body &&
      t.limit_type === task.limit.type &&
      (task.limit.type === 'none' || t.limit_time === task.limit.time)
    if (same) byMessage.set(t.message_id, [...(byMessage.get(t.message_id) ?? []), t])
  }
  const wanted = [...new Set(task.toIds)].sort().join(',')
  const groups = [...byMessage.values()].filter(
    group => [...new Set(group.map(t => t.account_id))].sort().join(',') === wanted
  )
  // Newest first: the one this step created, if any, is the latest.
  for (const group of groups.reverse()) {
    const messageId = group[0]?.message_id ?? ''
    const message = await findMessage(api, roomId, messageId)
    if (message && message.send_time >= toSeconds(since)) {
      return group.map(t => t.task_id)
    }
  }
  return undefined
}

/** The message id when the message no longer exists: the delete went through. */
export async function isGone(
  api: Lookups,
  roomId: string,
  messageId: string
): Promise<string | undefined> {
  return (await findMessage(api, roomId, messageId)) ? undefined : messageId
}

/** The message, or undefined when Chatwork answers 404 (it does not exist, or no longer). */
async function findMessage(
  api: Lookups,
  roomId: string,
  messageId: string
): Promise<ChatworkMessage | undefined> {
  try {
    return await api.getMessage(roomId, messageId)
  } catch (error) {
    if (error instanceof ChatworkHttpError && error.status === 404) return undefined
    throw error
  }
}

/** Chatwork's clock and the runner's differ a little: a second of slack. */
function toSeconds(ms: number): number {
  return Math.floor(ms / 1000) - 1
}
