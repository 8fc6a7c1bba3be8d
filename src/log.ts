/**
 * The one way out to the step's log. Every line the action writes to stdout goes through here,
 * and only here are runner commands (`::debug::`, `::warning::`, `::error::`, `::add-mask::`,
 * `::stop-commands::`) built; eslint refuses `process.stdout`, `process.stderr` and `console`
 * anywhere else in src/ (see eslint.config.mjs and test/log-guard.slow.test.ts).
 *
 * Any part of a message may have come from outside (an input, a file name, a chat message, a
 * server's or a proxy's answer), so every message is made inert here, by the runner's own rules
 * (actions/runner, ActionCommand.TryParseV2 and TryParse):
 * - a line ends at `\r`, `\n` or `\r\n`;
 * - a line is a command when, after its leading whitespace, it starts with `::`;
 * - the older form `##[name]` is a command wherever it is in a line.
 * A ZERO WIDTH SPACE (U+200B, not whitespace to the runner, invisible to a reader) goes before
 * such a `::` and inside every `##[`, so the text reads the same and commands nothing.
 */
import { EOL } from 'node:os'
import { breakLegacyCommands } from './format.js'
import { issueCommand } from '../node_modules/@actions/core/lib/command.js'

const BREAK = '\u200B'

/**
 * Whitespace that the runner trims before it looks for `::` (.NET's char.IsWhiteSpace), and
 * JavaScript's too: breaking a line that is not a command costs nothing.
 */
const LEADING_SPACE =
  '[\\t\\v\\f \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]*'
const COMMAND_LINE = new RegExp(`(^|\\r\\n|\\r|\\n)(${LEADING_SPACE})::`, 'g')

/** Text that no line of which the runner takes as a command, whatever it contains. */
function neutralise(text: string): string {
  return breakLegacyCommands(text).replace(COMMAND_LINE, `$1$2${BREAK}::`)
}

function write(line: string): void {
  process.stdout.write(line + EOL)
}

/** A line (or lines) for people to read. */
export function info(message: string): void {
  write(neutralise(message))
}

/**
 * Prints text that someone else wrote (a message, a chat reply, a request body) as it is, so
 * that a reader sees it unchanged and none of its lines is taken as a runner command:
 * `::stop-commands::` with a random token before it, the token after it, and `##[` broken.
 */
export function infoUntrusted(text: string): void {
  const token = globalThis.crypto.randomUUID()
  write(`::stop-commands::${token}`)
  write(breakLegacyCommands(text))
  write(`::${token}::`)
}

/**
 * An annotation or debug line. The toolkit escapes `%`, `\r` and `\n` in the message, so it
 * stays one line; `##[` is broken as well, so that nothing in it reads as a command.
 */
export function debug(message: string): void {
  issueCommand('debug', {}, breakLegacyCommands(message))
}

export function warning(message: string): void {
  issueCommand('warning', {}, breakLegacyCommands(message))
}

/** A notice annotation: worth seeing, not a problem. */
export function notice(message: string): void {
  issueCommand('notice', {}, breakLegacyCommands(message))
}

/** Fails the step: exit code 1 and an error annotation. */
export function setFailed(message: string): void {
  process.exitCode = 1
  issueCommand('error', {}, breakLegacyCommands(message))
}

const masked = new Set<string>()

/**
 * Masks a value in every later line of the log: exactly the value, so it is not changed. It is
 * recorded too (see maskedValues).
 */
export function setSecret(secret: string): void {
  if (secret) masked.add(secret)
  issueCommand('add-mask', {}, secret)
}

/** Every value masked so far: the token, a proxy's password. Templates' `env` leaves them out. */
export function maskedValues(): ReadonlySet<string> {
  return masked
}

/** An output the runner's older way, for a runner without GITHUB_OUTPUT (a local run). */
export function setOutputCommand(name: string, value: string): void {
  process.stdout.write(EOL)
  issueCommand('set-output', { name }, value)
}

/**
 * Reports what escaped every catch (an error while loading, a rejection nobody awaited, a throw
 * in a callback) as the step's failure, instead of Node's own report on stderr, which would
 * print the error's text raw; the stack goes to the debug log. Then the process ends, with
 * exit code 1, once stdout has taken the lines.
 */
export function crash(error: unknown): void {
  process.exitCode = 1
  try {
    const message =
      error instanceof Error ? error.message : typeof error === 'string' ? error : String(error)
    setFailed(`The action stopped unexpectedly: ${message}`)
    if (error instanceof Error && error.stack) debug(error.stack)
    process.stdout.write('', () => process.exit())
  } catch {
    // stdout is gone: nothing more can be said, and the exit code still tells.
    process.exit()
  }
}
