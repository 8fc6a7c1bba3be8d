/**
 * The shapes the emulator's modules share: what it stores and what it records. Types only, so
 * every module can import them without an import cycle.
 */
import type http from 'node:http'

export interface Account {
  account_id: number
  name: string
  avatar_image_url: string
}

export type MemberRole = 'admin' | 'member' | 'readonly'

export interface StoredMessage {
  message_id: string
  account: Account
  body: string
  send_time: number
  update_time: number
}

export interface StoredFile {
  file_id: number
  account: Account
  message_id: string
  filename: string
  filesize: number
  upload_time: number
  /** The uploaded bytes and the part's content type, for tests. */
  content: Buffer
  contentType: string
}

export type LimitType = 'none' | 'date' | 'time'

export interface StoredTask {
  /** Past Number.MAX_SAFE_INTEGER: written to JSON as a bare integer (see jsonText). */
  task_id: bigint
  account: Account
  assigned_by_account: Account
  message_id: string
  body: string
  limit_time: number
  status: 'open' | 'done'
  limit_type: LimitType
}

export interface Room {
  room_id: number
  name: string
  members: Map<number, MemberRole>
  messages: StoredMessage[]
  files: StoredFile[]
  tasks: StoredTask[]
}

export interface RecordedRequest {
  method: string
  path: string
  query: URLSearchParams
  headers: http.IncomingHttpHeaders
  body: Buffer
  /** The answer's status; -1 dropped before processing, -2 dropped after. */
  status: number
  /** The first request on its connection (which `latencyMs` delays twice). */
  newConnection: boolean
  /** When the request arrived and when its answer was finished or dropped (hrtime, ms). */
  startMs: number
  endMs?: number
}
