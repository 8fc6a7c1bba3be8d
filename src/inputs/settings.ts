/**
 * What the action was asked to do, validated: one shape per mode, each with exactly the fields
 * that mode uses (the readers that inputs/modes.ts names build them; see CONTRIBUTING.md).
 */
import type { AccountMap } from './recipients.js'
import type { TaskDeadline } from '../chatwork/requests.js'
import type { Method } from '../chatwork/http.js'
import type { JobStatus, Language, Role } from '../constants.js'
import type { Pattern } from './pattern.js'
import type { Initiator } from './gate-people.js'

/** What every mode has. */
export interface CommonSettings {
  /** Chatwork API token, sent as `X-ChatWorkToken`. Masked as soon as it is read. */
  token: string
  /** API base URL without a trailing slash, e.g. `https://api.chatwork.com/v2`. */
  apiBaseUrl: string
  /** Timeout of one HTTP request, in milliseconds. */
  timeoutMs: number
  /** How many times a transient failure (5xx, network) is retried. */
  retries: number
  /** false: a Chatwork or network failure becomes a warning and the step succeeds. */
  failOnError: boolean
  /** Render and validate, print the requests, send nothing. */
  dryRun: boolean
  /** The `proxy` input: every request goes through it; undefined: the environment's rules. */
  proxy: URL | undefined
}

/** The text to post: send, update and task. */
export interface MessageText {
  /** The message template (LiquidJS) and the input it came from, for error messages. */
  template: Template | undefined
  /** A title template: the message is wrapped in `[info][title]…[/title]…[/info]`. */
  title: Template | undefined
  /** `account-map`: GitHub logins to account ids, for `to` and the `chatwork_to` filter. */
  accountMap: AccountMap | undefined
}

/** A message with its mentions: send and update. */
export interface MessageSpec extends MessageText {
  /** Account ids mentioned with `[To:id]` at the start of the message. */
  to: string[]
  /** `[toall]` at the start of the message. */
  toAll: boolean
}

export interface SendSettings extends CommonSettings, MessageSpec {
  mode: 'send'
  /** The rooms' numeric ids, kept as digit strings. */
  roomIds: string[]
  /** A file to upload with the message. */
  file: Attachment | undefined
  /** Leave the posted message unread for the token's own user (`self_unread=1`). */
  selfUnread: boolean
  /** `reply-to`: the message (in the only room) this one replies to, a digit string. */
  replyTo: string | undefined
  /** The language of the default message (when `message` and `message-file` are empty). */
  language: Language
  /** `status`: the job's status, shown in the default message's title. */
  status: JobStatus | undefined
}

export interface TaskSettings extends CommonSettings, MessageText {
  mode: 'task'
  roomIds: string[]
  /** The assignees' account ids (`to`), at least one. */
  assignees: string[]
  /** `task-due`, as Chatwork takes it. */
  deadline: TaskDeadline
  /** `time-zone`: where a date deadline ends, and how the summary shows the deadline. */
  timeZone: string
}

export interface TaskDoneSettings extends CommonSettings {
  mode: 'task-done'
  roomIds: string[]
  /** `task-ids`: the tasks to mark done, by room (every room of the map is in `roomIds`). */
  taskIds: ReadonlyMap<string, readonly string[]>
  /** `task-match`: every open task the token's account gave whose body matches is marked. */
  match: Pattern | undefined
  /** `to`: only tasks of these assignees are matched (empty: anyone's). */
  assignees: string[]
}

export interface UpdateSettings extends CommonSettings, MessageSpec {
  mode: 'update'
  roomId: string
  /** The message to change, a digit string. */
  messageId: string
}

export interface DeleteSettings extends CommonSettings {
  mode: 'delete'
  roomId: string
  /** The message to delete, a digit string. */
  messageId: string
}

export interface FetchSettings extends CommonSettings {
  mode: 'fetch'
  roomId: string
  /** Only messages not fetched before with this token (`force=0`). */
  unreadOnly: boolean
  /** How many of the newest messages to return (1..100). */
  count: number
  /** Which messages count, and how long to wait for a decision. */
  gate: Gate
}

/** `mode: api`: one request to any endpoint below `api-base-url` (inputs/api.ts checks it). */
export interface ApiSettings extends CommonSettings {
  mode: 'api'
  method: Method
  /** `api-path`: relative, starting with `/`, checked segment by segment. */
  path: string
  /** `api-params`: name to value, each value a template (rendered by the mode). */
  params: [string, string][]
}

/** fetch as a workflow gate: filters, and waiting for a message that passes them. */
export interface Gate {
  /** Tested against each body; with no `fromAccountIds`, the token's own messages never count. */
  match: Pattern | undefined
  /** Only messages from these accounts count (empty: any account); logins resolved by the map. */
  fromAccountIds: string[]
  /** A message that ends the wait at once as a rejection; tested before `match`. */
  rejectMatch: Pattern | undefined
  /** Only messages from accounts with one of these roles in the room count (empty: any). */
  fromRoles: Role[]
  /** Only messages newer than this id count (empty: all). */
  afterMessageId: string
  /** Only replies (`[rp … to={room}-{id}]`) to this message count (empty: any message). */
  repliesTo: string
  /** How many distinct accounts must approve. */
  minApprovals: number
  /** 0: look once. Otherwise poll until a message passes the filters or this time is up. */
  waitMs: number
  pollMs: number
  /** Fail the step when nothing passes the filters. */
  failOnNoMatch: boolean
  /** `exclude-initiator`: the accounts of who started the run; their messages never count. */
  initiators: Initiator[]
  /** false: a rejection leaves the step green, with `decision=rejected`. */
  failOnReject: boolean
}

export interface Template {
  text: string
  /** The input it came from: `message`, `message-file` or `title`. */
  input: string
  /** The action's own default message: no payload text can have been pasted into it. */
  builtIn?: true
}

/** A file to upload, read once when the inputs are read (see files.ts). */
export interface Attachment {
  /** The file's name as Chatwork shows it. */
  name: string
  content: Buffer
}
