/**
 * Which inputs each mode reads, as data: the reader warns about an input given to a mode that
 * does not declare it (read.ts), and the docs can list them per mode. test/mode-inputs.test.ts
 * proves that each mode reads every input it declares and no other.
 */
import { Input, type InputName, type Mode } from '../constants.js'

/** The inputs every mode reads (`room-id` is every mode's but api's, which names it in api-path). */
export const COMMON_INPUTS: readonly InputName[] = [
  Input.token,
  Input.mode,
  Input.apiBaseUrl,
  Input.timeoutSeconds,
  Input.retries,
  Input.failOnError,
  Input.dryRun,
  Input.proxy
]
const TEXT_INPUTS = [
  Input.roomId,
  Input.message,
  Input.messageFile,
  Input.title,
  Input.to,
  Input.accountMap
]
const MESSAGE_INPUTS = [...TEXT_INPUTS, Input.toAll]
/** What the gate reads in fetch and ask. */
const GATE_INPUTS = [
  Input.match,
  Input.rejectMatch,
  Input.fromAccountIds,
  Input.fromRoles,
  Input.minApprovals,
  Input.waitTimeoutSeconds,
  Input.pollIntervalSeconds,
  Input.failOnNoMatch,
  Input.failOnReject,
  Input.accountMap,
  Input.excludeInitiator
]
/** The inputs each mode reads, besides the ones every mode reads. */
export const MODE_INPUTS: Record<Mode, readonly InputName[]> = {
  send: [
    ...MESSAGE_INPUTS,
    Input.file,
    Input.selfUnread,
    Input.replyTo,
    Input.language,
    Input.status
  ],
  update: [...MESSAGE_INPUTS, Input.messageId],
  task: [...TEXT_INPUTS, Input.taskDue, Input.timeZone],
  delete: [Input.roomId, Input.messageId],
  'task-done': [Input.roomId, Input.taskIds, Input.taskMatch, Input.to, Input.accountMap],
  fetch: [
    Input.roomId,
    Input.unreadOnly,
    Input.limit,
    ...GATE_INPUTS,
    Input.afterMessageId,
    Input.repliesTo
  ],
  api: [Input.apiMethod, Input.apiPath, Input.apiParams],
  ask: [...MESSAGE_INPUTS, Input.language, ...GATE_INPUTS, Input.announceDecision]
}
