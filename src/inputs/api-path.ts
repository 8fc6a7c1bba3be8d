/**
 * `api-path` for `mode: api`: the one input that decides where the token goes. Only a plain
 * relative path is accepted, checked here before any request, so that nothing a URL parser or a
 * server could read as another place (a scheme or host, dot segments, `//`, encoded slashes and
 * dots, a query or fragment) ever reaches the transport, which checks the final URL once more
 * (chatwork/http.ts).
 */
import { Input } from '../constants.js'
import { InputError } from '../errors.js'
import { quote } from '../format.js'
import { eventStrings, type EventSource } from './event-strings.js'

const EXAMPLE = "e.g. '/rooms/335028121/members' or '/me'"

/**
 * The words of Chatwork's own paths. Event text found inside one of them is taken as the
 * workflow author's word, not a paste: a label or a repository named `tasks` must not break
 * `/rooms/1/tasks`.
 */
const CHATWORK_WORDS = new Set([
  'me',
  'my',
  'status',
  'tasks',
  'contacts',
  'rooms',
  'members',
  'messages',
  'read',
  'unread',
  'files',
  'link',
  'incoming_requests'
])

/** RFC 3986 path characters (unreserved, sub-delims, `:`, `@`, `/`) and percent escapes. */
const PATH_CHARACTERS = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*$/

/** Each rule: what it refuses, and why, for the error. */
const RULES: [RegExp, string][] = [
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  [/[\s\x00-\x1f\x7f-\x9f]/, 'has white space or a control character'],
  [/\\/, "has a backslash ('\\'), which some URL parsers read as '/'"],
  [/[?#]/, `has '?' or '#': pass query parameters in '${Input.apiParams}'`],
  [/\/\//, "has '//', which a URL parser can read as the start of another host"],
  [/%(?:2e|2f|5c)/i, "has a percent-encoded '.', '/' or '\\' (%2e, %2f, %5c)"],
  [/(?:^|\/)\.{1,2}(?:\/|$)/, "has a '.' or '..' segment"]
]

/** The path, or an InputError that says what is wrong with it; nothing is sent before this. */
export function parseApiPath(value: string, source: EventSource): string {
  const path = value
  const refuse = (why: string) =>
    new InputError(
      `Input '${Input.apiPath}' is ${quote(value)}: it ${why}. Expected a path below '${Input.apiBaseUrl}' that starts with '/', ${EXAMPLE}. Nothing was sent.`
    )
  if (path.trim() === '') {
    throw new InputError(
      `Input '${Input.apiPath}' is required for mode 'api': the endpoint's path below '${Input.apiBaseUrl}', ${EXAMPLE}.`
    )
  }
  if (!path.startsWith('/')) {
    throw refuse(
      `does not start with '/'; a URL, a scheme or a host is refused: the token goes only to '${Input.apiBaseUrl}'`
    )
  }
  for (const [pattern, why] of RULES) if (pattern.test(path)) throw refuse(why)
  if (!PATH_CHARACTERS.test(path)) {
    throw refuse(
      "has characters that a URL path does not take as they are (only letters, digits, -._~!$&'()*+,;=:@/ and %XX escapes)"
    )
  }
  refusePastedPath(path, source)
  return path
}

/**
 * `api-path: /rooms/${{ github.event.issue.title }}/members` lets whoever wrote the title pick
 * the endpoint. An event text of two characters or more found in the path is refused, unless it
 * lies inside one of Chatwork's own path words.
 */
function refusePastedPath(path: string, source: EventSource): void {
  const segments = segmentSpans(path)
  for (const { path: field, value } of eventStrings(source)) {
    if (value.length < 2 || value.length > path.length) continue
    for (let at = path.indexOf(value); at >= 0; at = path.indexOf(value, at + 1)) {
      const end = at + value.length
      const inWord = segments.some(
        s => s.start <= at && end <= s.end && CHATWORK_WORDS.has(path.slice(s.start, s.end))
      )
      if (inWord) continue
      throw new InputError(
        `Input '${Input.apiPath}' contains the text of ${field} (${quote(value)}). A \${{ }} expression inside '${Input.apiPath}' pastes event text into the path before the action runs, so whoever wrote it would choose the endpoint the token is sent to. Write the path out, or take its ids from values the team controls (\${{ vars.… }}, a step's output of your own). Nothing was sent.`
      )
    }
  }
}

function segmentSpans(path: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = []
  let start = 1
  for (let i = 1; i <= path.length; i++) {
    if (i === path.length || path[i] === '/') {
      spans.push({ start, end: i })
      start = i + 1
    }
  }
  return spans
}
