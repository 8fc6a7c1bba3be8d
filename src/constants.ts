/** The inputs' names, generated from action.yml (scripts/gen-names.ts). */
export { Input, type InputName } from './inputs/action-inputs.js'

/** The outputs' names, generated from action.yml (scripts/gen-names.ts). */
export { Output, type OutputName } from './modes/action-outputs.js'

/** A member's role in a room, as GET /rooms/{room_id}/members reports it. */
export const ROLES = ['admin', 'member', 'readonly'] as const
export type Role = (typeof ROLES)[number]

export const LANGUAGES = ['en', 'ja'] as const
export type Language = (typeof LANGUAGES)[number]
/** What `${{ job.status }}` can be. */
export const JOB_STATUSES = ['success', 'failure', 'cancelled'] as const
export type JobStatus = (typeof JOB_STATUSES)[number]

/** RAML `body`: maxLength 65535 (POST and PUT /rooms/{room_id}/messages, POST …/tasks). */
export const MAX_BODY_LENGTH = 65535

/** RAML POST /rooms/{room_id}/files: `file` 上限 5MB; read as 5 MiB, Chatwork's usual meaning. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024

/** GET /rooms/{room_id}/messages returns at most 100 messages per call; the task list too. */
export const MAX_LISTED = 100

/** Where a person opens a message; used by many integrations (docs/chatwork-api.md). */
export const WEB_URL = 'https://www.chatwork.com'

export const USER_AGENT = 'chatwork-github-action'
