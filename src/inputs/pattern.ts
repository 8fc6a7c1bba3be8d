/**
 * The gate's patterns (`match`, `reject-match`), matched in linear time by re2js, a JavaScript
 * port of Google's RE2. Any member of a room can post the text a pattern is tested against, and
 * JavaScript's own engine backtracks: `^(a+)+$` against a few dozen characters runs for many
 * seconds, and V8's linear fallback (`--enable-experimental-regexp-engine-on-excessive-backtracks`)
 * does not cover the `i` flag (the timings are in docs/performance.md). RE2 has
 * no backtracking, so no message can hang the step; the price is that lookarounds and
 * backreferences are refused when the input is read. Loaded only when a pattern is given.
 */
import { InputError, messageOf } from '../errors.js'
import type { EventSource } from './event-strings.js'
import { quote } from '../format.js'
import { refusePastedPattern } from './pasted-pattern.js'
import { notAPattern } from '../texts.js'

/** Only the start of a message is tested: a person's answer is short. */
export const MAX_MATCH_TEXT = 4_000

export interface Pattern {
  /** As the user wrote it, for logs and errors. */
  readonly source: string
  test(text: string): boolean
}

/** JavaScript's flags that mean something to RE2; `g`, `y`, `u` and `d` change nothing here. */
const IGNORED_FLAGS = new Set(['g', 'y', 'u', 'd'])

/**
 * Compiles `pattern` or `/pattern/flags` (flags `i`, `m`, `s`); an empty value is no pattern.
 * A syntax RE2 does not have, or event text pasted into it (`event`: see pasted-pattern.ts), is
 * an InputError naming the input.
 */
export async function compilePattern(
  input: string,
  value: string,
  event: EventSource
): Promise<Pattern | undefined> {
  if (value === '') return undefined
  refusePastedPattern(input, value, event)
  const literal = /^\/(.*)\/([a-z]*)$/s.exec(value)
  const source = literal ? (literal[1] ?? '') : value
  const flags = literal ? (literal[2] ?? '') : ''
  const { RE2JS } = await import('re2js')
  let bits = 0
  for (const flag of flags) {
    if (flag === 'i') bits |= RE2JS.CASE_INSENSITIVE
    else if (flag === 'm') bits |= RE2JS.MULTILINE
    else if (flag === 's') bits |= RE2JS.DOTALL
    else if (!IGNORED_FLAGS.has(flag)) throw unsupported(input, value, `unknown flag '${flag}'`)
  }
  let compiled: InstanceType<typeof RE2JS>
  try {
    compiled = RE2JS.compile(source, bits)
  } catch (error) {
    throw unsupported(input, value, messageOf(error))
  }
  return {
    source: value,
    test: text => compiled.matcher(text.slice(0, MAX_MATCH_TEXT)).find()
  }
}

function unsupported(input: string, value: string, detail: string): InputError {
  return new InputError(notAPattern(input, quote(value), detail))
}
