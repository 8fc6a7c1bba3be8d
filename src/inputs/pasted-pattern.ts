/**
 * Refuses a gate pattern into which a workflow expression pasted event text with regular
 * expression syntax. `match: '^/deploy ${{ github.head_ref }}$'` with a branch named `x|` is
 * `^/deploy x|$`, which matches every message: whoever names the branch decides what approves.
 * Text quoted with RE2's `\Q…\E` is literal, and is let through.
 */
import { InputError } from '../errors.js'
import { eventStrings, jsonEscaped, type EventSource, type EventString } from './event-strings.js'
import { quote } from '../format.js'

/** What changes a pattern's meaning; `.` only widens a literal, and is left out. */
const SYNTAX = /[|*+?{}()[\]\\^$]/

/**
 * Throws an InputError naming the field when `pattern` contains, outside `\Q…\E`, an event
 * string (whole, JSON-escaped, or one of its lines) that has regular-expression syntax.
 */
export function refusePastedPattern(input: string, pattern: string, source: EventSource): void {
  const quoted = quotedSpans(pattern)
  for (const string of eventStrings(source)) {
    if (!SYNTAX.test(string.value)) continue
    for (const text of pastable(string.value)) {
      if (pastedOutside(pattern, text, quoted)) throw pasted(input, string, text)
    }
  }
}

/** The texts an expression or a script would paste: the value, toJSON's form, its lines. */
function pastable(value: string): string[] {
  const texts = [value]
  const escaped = jsonEscaped(value)
  if (escaped !== undefined) texts.push(escaped)
  if (value.includes('\n')) {
    for (const line of value.split(/\r?\n/)) {
      const trimmed = line.trim()
      // A line of one character (a lone `|` of a table) is in too many patterns to mean a paste.
      if (trimmed.length > 1 && SYNTAX.test(trimmed)) texts.push(trimmed)
    }
  }
  return texts
}

/** `[start, end)` of each `\Q…\E` text, which RE2 ends at the first `\E` (or the pattern's end). */
function quotedSpans(pattern: string): [number, number][] {
  const spans: [number, number][] = []
  let at = 0
  for (;;) {
    const open = findEscape(pattern, 'Q', at)
    if (open < 0) return spans
    const close = pattern.indexOf('\\E', open + 2)
    spans.push([open + 2, close < 0 ? pattern.length : close])
    if (close < 0) return spans
    at = close + 2
  }
}

/** The next `\<letter>` that is an escape (not the second half of `\\`). */
function findEscape(pattern: string, letter: string, from: number): number {
  for (let i = from; i < pattern.length - 1; i++) {
    if (pattern[i] !== '\\') continue
    if (pattern[i + 1] === letter) return i
    i += 1
  }
  return -1
}

function pastedOutside(pattern: string, text: string, quoted: [number, number][]): boolean {
  for (let at = pattern.indexOf(text); at >= 0; at = pattern.indexOf(text, at + 1)) {
    const end = at + text.length
    if (!quoted.some(([start, stop]) => start <= at && end <= stop)) return true
  }
  return false
}

function pasted(input: string, { path, value }: EventString, text: string): InputError {
  const syntax = [...new Set(text.match(new RegExp(SYNTAX.source, 'g')) ?? [])].join(' ')
  const part = text === value ? '' : ` (as part of it: ${quote(text)})`
  const safe = value.includes('\\E')
    ? `This value contains \\E, so it cannot be quoted: leave \${{ ${path} }} out of the pattern.`
    : `To match it literally, quote it with \\Q…\\E: write \\Q\${{ ${path} }}\\E${printable(value) ? ` (here: \\Q${value}\\E)` : ''}.`
  return new InputError(
    `Input '${input}' contains the text of ${path} (${quote(value)})${part}, which has regular-expression syntax (${syntax}). ` +
      `A \${{ }} expression inside '${input}' pastes it into the pattern before the action runs, so whoever wrote it decides what the pattern matches. ` +
      `${safe} Nothing was sent.`
  )
}

/** Whether the value can be shown as it is: one short line of visible ASCII. */
function printable(value: string): boolean {
  return /^[\x20-\x7e]{1,80}$/.test(value)
}
