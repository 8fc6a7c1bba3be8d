/**
 * The requests the action sends, built in one place: the client sends them, and `dry-run`
 * prints them. Paths and parameters: docs/chatwork-api.md.
 */
import type { ApiRequest, FilePart } from './http.js'
import type { DeadlineType } from './tasks.js'

/**
 * A task's deadline as Chatwork takes it: its `limit_type`, and its `limit` in Unix seconds unless
 * `none`. Named deadline here: in this code `limit` is a count or a size (fetch's `limit`).
 */
export interface TaskDeadline {
  type: DeadlineType
  /** Unix seconds; 0 with `none`. */
  time: number
}

/** Which open tasks to list: account ids as digit strings; undefined: anyone. */
export interface TaskFilter {
  assignedBy?: string
  assignee?: string
}

export const requests = {
  me: (): ApiRequest => ({ method: 'GET', path: '/me' }),

  /** `force` true: the latest 100 messages; false: only those new to the token since its last look. */
  listMessages: (roomId: string, { force }: { force: boolean }): ApiRequest => ({
    method: 'GET',
    path: `/rooms/${roomId}/messages`,
    query: { force: force ? '1' : '0' }
  }),

  getMessage: (roomId: string, messageId: string): ApiRequest => ({
    method: 'GET',
    path: `/rooms/${roomId}/messages/${messageId}`
  }),

  postMessage: (
    roomId: string,
    body: string,
    { selfUnread }: { selfUnread: boolean }
  ): ApiRequest => ({
    method: 'POST',
    path: `/rooms/${roomId}/messages`,
    form: { body, self_unread: selfUnread ? '1' : '0' }
  }),

  updateMessage: (roomId: string, messageId: string, body: string): ApiRequest => ({
    method: 'PUT',
    path: `/rooms/${roomId}/messages/${messageId}`,
    form: { body }
  }),

  deleteMessage: (roomId: string, messageId: string): ApiRequest => ({
    method: 'DELETE',
    path: `/rooms/${roomId}/messages/${messageId}`
  }),

  uploadFile: (roomId: string, file: FilePart, message: string): ApiRequest => ({
    method: 'POST',
    path: `/rooms/${roomId}/files`,
    multipart: { file, fields: message ? { message } : {} }
  }),

  listFiles: (roomId: string, accountId: number): ApiRequest => ({
    method: 'GET',
    path: `/rooms/${roomId}/files`,
    query: { account_id: String(accountId) }
  }),

  createTask: (
    roomId: string,
    body: string,
    toIds: string[],
    deadline: TaskDeadline
  ): ApiRequest => ({
    method: 'POST',
    path: `/rooms/${roomId}/tasks`,
    form: {
      body,
      to_ids: toIds.join(','),
      limit_type: deadline.type,
      ...(deadline.type === 'none' ? {} : { limit: String(deadline.time) })
    }
  }),

  /** The room's open tasks that `assignedBy` gave. */
  listTasks: (roomId: string, assignedBy: number): ApiRequest => ({
    method: 'GET',
    path: `/rooms/${roomId}/tasks`,
    query: { assigned_by_account_id: String(assignedBy), status: 'open' }
  }),

  /** The room's open tasks, narrowed to those `assignedBy` gave and to one assignee. */
  openTasks: (roomId: string, filter: TaskFilter): ApiRequest => ({
    method: 'GET',
    path: `/rooms/${roomId}/tasks`,
    query: {
      ...(filter.assignee ? { account_id: filter.assignee } : {}),
      ...(filter.assignedBy ? { assigned_by_account_id: filter.assignedBy } : {}),
      status: 'open'
    }
  }),

  getTask: (roomId: string, taskId: string): ApiRequest => ({
    method: 'GET',
    path: `/rooms/${roomId}/tasks/${taskId}`
  }),

  /** Marking done (or open) is idempotent: the same request again changes nothing. */
  setTaskStatus: (roomId: string, taskId: string, status: 'done' | 'open'): ApiRequest => ({
    method: 'PUT',
    path: `/rooms/${roomId}/tasks/${taskId}/status`,
    form: { body: status }
  }),

  members: (roomId: string): ApiRequest => ({ method: 'GET', path: `/rooms/${roomId}/members` })
}
