/**
 * Exactly once: after an ambiguous failure (the request may have reached Chatwork), these
 * look-ups find out whether it took effect, before the engine sends it again. Each returns the
 * id the request would have returned, or undefined when it did not take effect.
 */
import { ChatworkHttpError } from '../errors.js'
import type { FilePart } from './http.js'
import type { ChatworkFile, ChatworkMessage, Me } from './types.js'

/** What the look-ups read: a narrow view of the client's endpoints. */
export interface Lookups {
  getMe(): Promise<Me>
  listMessages(roomId: string, force: boolean): Promise<{ items: ChatworkMessage[] }>
  listFiles(roomId: string, accountId: number): Promise<ChatworkFile[]>
  getMessage(roomId: string, messageId: string): Promise<ChatworkMessage>
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

/** The message id when the message no longer exists: the delete went through. */
export async function isGone(
  api: Lookups,
  roomId: string,
  messageId: string
): Promise<string | undefined> {
  try {
    await api.getMessage(roomId, messageId)
    return undefined
  } catch (error) {
    if (error instanceof ChatworkHttpError && error.status === 404) return messageId
    throw error
  }
}

/** Chatwork's clock and the runner's differ a little: a second of slack. */
function toSeconds(ms: number): number {
  return Math.floor(ms / 1000) - 1
}
