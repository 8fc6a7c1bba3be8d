import { Input } from './constants.js'
/**
 * The action's user-facing error and advice texts, each written once: the code that raises them
 * imports them from here, and test/docs.slow.test.ts checks that every text the docs quote is one of
 * these and that test/error-texts.e2e.test.ts makes the bundled action print it. Imports nothing.
 * Values arrive already quoted (format.ts's `quote`) where the text shows a user's value.
 */

/** An input that should be a room id is not one. `verb` is 'has' for a list of rooms. */
export function notARoomId(input: string, verb: string, shown: string, hint: string): string {
  return `Input '${input}' ${verb} ${shown}; expected the room's numeric id (digits only).${hint}`
}

/** A template LiquidJS could not parse or render; `detail` says where. */
export function notATemplate(input: string, detail: string): string {
  return `Input '${input}' is not a valid template: ${detail}.`
}

/** A `${{ }}` expression pasted event text holding a template token or tag into a template. */
export function pastedIntoTemplate(input: string, path: string, relation: string): string {
  return (
    `Input '${input}' contains the text of ${path}: it has a template token or Chatwork tag ${relation}. ` +
    `A \${{ }} expression inside '${input}' pastes event text into the template before the action runs, so whoever wrote it could run template code or notify the room. ` +
    `Write {{ ${path} }} instead (without the $): the action prints the value escaped. Nothing was sent.`
  )
}

/** A gate pattern RE2 cannot compile (lookarounds, backreferences, bad syntax). */
export function notAPattern(input: string, shown: string, detail: string): string {
  return (
    `Input '${input}' is ${shown}, which is not a pattern the action can use (${detail}). ` +
    `Expected a regular expression, e.g. '^/approve\\b' or '/lgtm/i' (flags i, m, s). ` +
    `Lookarounds such as (?=…) and (?!…) and backreferences such as \\1 are not supported: patterns are matched in linear time, so that no chat message can make the step hang.`
  )
}

/** A request that timed out; `what` names it ("POST /rooms/1/messages"). */
export function noCompleteAnswer(what: string, seconds: number): string {
  return `${what} got no complete answer within ${seconds} s.`
}

/** A request that never left: refused, no such host; `code` is Node's (ECONNREFUSED). */
export function couldNotConnect(what: string, target: string, code: string): string {
  return `${what} could not connect to ${target} (${code}).`
}

/** Chatwork answered, but not as Chatwork does; `preview` is the body's start. */
export function invalidResponse(what: string, problem: string, preview: string): string {
  return `Chatwork's response to ${what} was invalid: it ${problem}. It starts with: ${preview}`
}

/** A post failed in a way that may have reached Chatwork, and the room could not be checked. */
export function unconfirmedPost(failure: string, checkFailure: string): string {
  return `${failure} Checking the room afterwards failed too: ${checkFailure} The message may or may not have been posted: look in the room before running the step again.`
}

/** Several rooms, some failed; `others` is '' or "; room(s) … got it"; `reasons` one a line. */
export function couldNotDeliver(
  count: number,
  total: number,
  rooms: string,
  others: string,
  reasons: string
): string {
  return `Could not deliver to ${count} of ${total} rooms (${rooms})${others}.\n${reasons}`
}

/** The gate decided nothing and `fail-on-no-match` is true. */
export function noDecision(
  room: string,
  waited: string,
  criteria: string,
  approvals: string,
  unmatched: number
): string {
  return `No decision in room ${room}${waited}: waited for ${criteria}; ${approvals} arrived, and ${unmatched} message(s) from allowed accounts did not match. '${Input.failOnNoMatch}' is true.`
}

/** Someone rejected and `fail-on-reject` is true. */
export function rejected(
  room: string,
  name: string,
  account: number | string,
  messageId: string,
  text: string
): string {
  return `Rejected in room ${room} by ${name} (account ${account}), message ${messageId}: ${text}.`
}

// What to do about a Chatwork or network failure (errors.ts's adviceFor picks one).

export const PROXY_AUTH_ADVICE =
  'The proxy in HTTPS_PROXY (or HTTP_PROXY) asks for credentials: put them in its URL, e.g. http://user:password@proxy.example:3128 (percent-encode special characters), or have the proxy let the runner through.'

export const NETWORK_ADVICE = `Check that the runner can reach Chatwork (proxy settings, '${Input.apiBaseUrl}'); raise '${Input.timeoutSeconds}' or '${Input.retries}' if the network is slow.`

export const INVALID_RESPONSE_ADVICE = `Check '${Input.apiBaseUrl}': it must point at the Chatwork API (https://api.chatwork.com/v2), not at a web page or a proxy's login page.`

export const UNAUTHORIZED_ADVICE = `Check the token secret: '${Input.token}' must be a valid Chatwork API token (Chatwork > Service integration > API token); a reissued token invalidates the old one.`

export const FORBIDDEN_ADVICE =
  "The token's user may not do this in the room (a read-only member cannot post, and only a message's author can edit or delete it)."

export const NOT_FOUND_ADVICE = `Check '${Input.roomId}' (the digits after '#!rid' in the room's URL) and that the token's user is a member of the room.`

export const RATE_LIMIT_ADVICE =
  "Chatwork's rate limit was reached and did not clear in time (300 requests per 5 minutes per token, 10 posts per 10 seconds per room). Spread the steps out, or use fewer requests."

export const BAD_REQUEST_ADVICE =
  'Chatwork refused the request as invalid; its own words are quoted above.'

export const SERVER_ERROR_ADVICE = 'Chatwork had a problem on its side; try again later.'

export const OTHER_STATUS_ADVICE = "See the status and Chatwork's words above."

/** update and delete: Chatwork's 404 is about the message. */
export const MESSAGE_NOT_FOUND_ADVICE = `Check '${Input.messageId}': the message may not exist (deleted, or in another room than '${Input.roomId}'), or may not be the token's own.`

/** update and delete: Chatwork's 403 is someone else's message. */
export const NOT_AUTHOR_ADVICE = `Only a message's author can edit or delete it: '${Input.messageId}' must name a message that the token's user posted.`
