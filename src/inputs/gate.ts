/** The inputs of fetch as an approval gate (see gate.ts for what they mean). */
import * as runner from '../runner.js'
import { Input, type InputName } from '../constants.js'
import type { EventSource } from './event-strings.js'
import { input, read } from './source.js'
import { parseBoolean, parseInteger, parseOptionalMessageId, parseRoles } from './parse.js'
import { compilePattern } from './pattern.js'
import type { Gate } from './settings.js'
import { buildTemplateContext } from './github-context.js'
import type { AccountMap } from './recipients.js'
import { resolveFromAccounts, resolveInitiators } from './gate-people.js'

/** A job may run for at most 6 hours on GitHub-hosted runners. */
const MAX_WAIT_SECONDS = 6 * 60 * 60
const MAX_POLL_SECONDS = 3600
/** More approvers than a room could sensibly gather is a typo. */
const MAX_APPROVALS = 50

/**
 * The gate's inputs; `accountMap` resolves logins in `from-account-ids` and the initiator.
 * `anchored` (ask): the question is the anchor, so `after-message-id` and `replies-to` are not read.
 */
export async function readGate(
  accountMap: AccountMap | undefined,
  { anchored = false }: { anchored?: boolean } = {}
): Promise<Gate> {
  // The event, to refuse its text pasted into a pattern; read only when a pattern is given.
  let event: EventSource | undefined
  const pattern = (name: InputName) => {
    const value = input(name, { trimWhitespace: false })
    if (value === '') return undefined
    event ??= buildTemplateContext(new runner.Context(), process.env).github
    return compilePattern(name, value, event)
  }
  return {
    match: await pattern(Input.match),
    rejectMatch: await pattern(Input.rejectMatch),
    fromAccountIds: resolveFromAccounts(input(Input.fromAccountIds), accountMap),
    fromRoles: parseRoles(input(Input.fromRoles)),
    afterMessageId: anchored
      ? ''
      : parseOptionalMessageId(Input.afterMessageId, input(Input.afterMessageId)),
    repliesTo: anchored ? '' : parseOptionalMessageId(Input.repliesTo, input(Input.repliesTo)),
    minApprovals: parseInteger(Input.minApprovals, read(Input.minApprovals), 1, MAX_APPROVALS),
    waitMs:
      parseInteger(Input.waitTimeoutSeconds, read(Input.waitTimeoutSeconds), 0, MAX_WAIT_SECONDS) *
      1000,
    pollMs:
      parseInteger(
        Input.pollIntervalSeconds,
        read(Input.pollIntervalSeconds),
        1,
        MAX_POLL_SECONDS
      ) * 1000,
    failOnNoMatch: parseBoolean(Input.failOnNoMatch, read(Input.failOnNoMatch)),
    initiators: parseBoolean(Input.excludeInitiator, read(Input.excludeInitiator))
      ? resolveInitiators(accountMap, process.env)
      : [],
    failOnReject: parseBoolean(Input.failOnReject, read(Input.failOnReject))
  }
}
