/**
 * Exactly once: after an ambiguous failure (the request may have reached Chatwork), these
 * look-ups find out whether it took effect, before the engine sends it again. Each returns the
 * id the request would have returned, or undefined when it did not take effect.
 */
import { ChatworkHttpError, UndecidedError } from '../errors.js'
import type { FilePart } from './http.js'
import type { ChatworkTask } from './tasks.js'
import type { ChatworkFile, ChatworkMessage, Me } from './answers.js'
import { plural } from '../format.js'

/** What the look-ups read: a narrow view of the client's endpoints. */
export interface Lookups {
  getMe(): Promise<Me>
  listMessages(roomId: string, options: { force: boolean }): Promise<{ items: ChatworkMessage[] }>
  listFiles(roomId: string, accountId: number): Promise<ChatworkFile[]>
  getMessage(roomId: string, messageId: string): Promise<ChatworkMessage>
  listTasks(roomId: string, assignedBy: number): Promise<ChatworkTask[]>
  /** Chatwork said (`chatwork-message-limitation`) that it hides older messages. */
  readonly messagesLimited: boolean
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
  const { items } = await api.listMessages(roomId, { force: true })
  const own = items.filter(
    m => m.account.account_id === me.account_id && m.send_time >= toSeconds(since)
  )
  const found = own.filter(m => m.body === body).pop()
  if (found) return found.message_id
  // Chatwork may store `[返信 …]`, `[Reply …]`, `[引用 …]`, `[Quote …]` rewritten: a new own
  // message with another body may then be this one.
  if (LOCALIZED_TAG.test(body) && own.length > 0) {
    throw new UndecidedError(
      `Room ${roomId} has ${own.length} new ${plural(own.length, 'message')} from the token's account, none with exactly this body; Chatwork may store the [返信]/[Reply]/[引用]/[Quote] tags rewritten, so one of them may be this message.`,
      `Look in room ${roomId} whether the message arrived before running the step again.`
    )
  }
  return undefined
}

/** A reply or quote tag as a person types it in a localized client. */
const LOCALIZED_TAG = /\[\/?(?:返信|Reply|引用|Quote)[\] ]/

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
 * The message id when the message is gone, or stays with the body `[deleted]` (Chatwork may
 * keep a deleted message as that marker): the delete went through. A 404 where Chatwork hides
 * older messages (the Free plan) proves nothing: undecided.
 */
export async function isGone(
  api: Lookups,
  roomId: string,
  messageId: string
): Promise<string | undefined> {
  const message = await findMessage(api, roomId, messageId)
  if (message) return message.body === DELETED ? messageId : undefined
  if (api.messagesLimited) {
    throw new UndecidedError(
      `Chatwork answers 404 for message ${messageId} in room ${roomId}, but it also hides messages older than 40 days there (chatwork-message-limitation, the Free plan), so the 404 does not prove the delete went through.`,
      `Look in room ${roomId} whether message ${messageId} is still there before running the step again.`
    )
  }
  return messageId
}

/** The body Chatwork may leave in place of a deleted message. */
const DELETED = '[deleted]'

/** The message, or undefined when Chatwork answers 404 (it does not exist, or no longer). */
export async function findMessage(
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
export function toSeconds(ms: number): number {
  return Math.floor(ms / 1000) - 1
}
