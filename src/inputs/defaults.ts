/** The inputs' defaults, and reading an input that has one. */
import * as runner from '../runner.js'
import { Input } from '../constants.js'

/** The defaults, as declared in action.yml (a test keeps the two in step). */
export const DEFAULTS = {
  [Input.mode]: 'send',
  [Input.apiBaseUrl]: 'https://api.chatwork.com/v2',
  [Input.unreadOnly]: 'false',
  [Input.limit]: '100',
  [Input.selfUnread]: 'false',
  [Input.timeoutSeconds]: '30',
  [Input.retries]: '5',
  [Input.failOnError]: 'true',
  [Input.toAll]: 'false',
  [Input.dryRun]: 'false',
  [Input.waitTimeoutSeconds]: '0',
  [Input.pollIntervalSeconds]: '10',
  [Input.failOnNoMatch]: 'false',
  [Input.excludeInitiator]: 'false',
  [Input.minApprovals]: '1',
  [Input.timeZone]: 'Asia/Tokyo',
  [Input.language]: 'en',
  [Input.announceDecision]: 'true',
  [Input.failOnReject]: 'true'
} as const

/** An optional input; empty (e.g. an unset `${{ vars.X }}`) means the action.yml default. */
export function read(name: keyof typeof DEFAULTS): string {
  return runner.getInput(name) || DEFAULTS[name]
}
