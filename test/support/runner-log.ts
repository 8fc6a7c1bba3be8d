/**
 * Reads a step's stdout and stderr the way GitHub's runner does (actions/runner,
 * ActionCommandManager.TryProcessCommand with ActionCommand.TryParseV2 and TryParse), and says
 * which runner commands it would execute and what it would show:
 * - a line ends at `\r`, `\n` or `\r\n` (.NET's StreamReader.ReadLine);
 * - `::name props::data` is a command when the line starts with it after leading whitespace;
 *   else `##[name props]data` is one wherever it is in the line;
 * - only registered command names count, in any letter case;
 * - `::stop-commands::TOKEN` (or `##[stop-commands]TOKEN`) stops every command until one whose
 *   name is TOKEN (`::TOKEN::`), which resumes them.
 * The order in which the runner reads stdout and stderr against each other is not known, so
 * each stream is read on its own, from a fresh state: a command on stderr is never hidden by a
 * stop-commands on stdout.
 */

/** The commands the runner knows (ActionCommandManager's extensions, and stop-commands). */
const REGISTERED = new Set([
  'add-mask',
  'add-path',
  'add-matcher',
  'remove-matcher',
  'debug',
  'notice',
  'warning',
  'error',
  'echo',
  'group',
  'endgroup',
  'set-env',
  'set-output',
  'save-state',
  'internal-set-repo-path',
  'stop-commands'
])

interface RunnerCommand {
  stream: 'stdout' | 'stderr'
  /** The command's name, lower case; the stop token for a resume. */
  name: string
  properties: Record<string, string>
  data: string
  /** `::` or the older `##[` form. */
  form: '::' | '##['
  /** The line as written. */
  line: string
}

interface RunnerLog {
  /** Every command the runner would execute, stop-commands and resumes included. */
  commands: RunnerCommand[]
  /** What the runner shows: lines that are no command, and the text of debug and annotation lines. */
  shown: string[]
  /** The values `::add-mask::` registered. */
  masks: string[]
}

export function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/)
  if (lines.at(-1) === '') lines.pop()
  return lines
}

/** .NET's String.TrimStart(): char.IsWhiteSpace. */
const LEADING_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/

const unescapeData = (text: string) =>
  text.replaceAll('%0D', '\r').replaceAll('%0A', '\n').replaceAll('%25', '%')

const unescapeProperty = (text: string) =>
  text
    .replaceAll('%0D', '\r')
    .replaceAll('%0A', '\n')
    .replaceAll('%3A', ':')
    .replaceAll('%2C', ',')
    .replaceAll('%25', '%')

type Parsed = Omit<RunnerCommand, 'stream' | 'line'>

function parseProperties(text: string, separator: string): Record<string, string> {
  const properties: Record<string, string> = {}
  for (const pair of text.split(separator).filter(Boolean)) {
    const at = pair.indexOf('=')
    if (at > 0) properties[pair.slice(0, at)] = unescapeProperty(pair.slice(at + 1))
  }
  return properties
}

function parseV2(line: string, known: Set<string>): Parsed | undefined {
  const message = line.replace(LEADING_SPACE, '')
  if (!message.startsWith('::')) return undefined
  const end = message.indexOf('::', 2)
  if (end < 0) return undefined
  const info = message.slice(2, end)
  const space = info.indexOf(' ')
  const name = (space < 0 ? info : info.slice(0, space)).toLowerCase()
  if (!known.has(name)) return undefined
  const properties = space < 0 ? {} : parseProperties(info.slice(space + 1), ',')
  return { name, properties, data: unescapeData(message.slice(end + 2)), form: '::' }
}

function parseLegacy(line: string, known: Set<string>): Parsed | undefined {
  const start = line.indexOf('##[')
  if (start < 0) return undefined
  const close = line.indexOf(']', start)
  if (close < 0) return undefined
  const info = line.slice(start + 3, close)
  const space = info.indexOf(' ')
  const name = (space < 0 ? info : info.slice(0, space)).toLowerCase()
  if (!known.has(name)) return undefined
  const properties = space < 0 ? {} : parseProperties(info.slice(space + 1), ';')
  return { name, properties, data: unescapeData(line.slice(close + 1)), form: '##[' }
}

const SHOWN_COMMANDS = new Set(['debug', 'notice', 'warning', 'error'])

function readStream(text: string, stream: RunnerCommand['stream'], log: RunnerLog): void {
  const known = new Set(REGISTERED)
  let stopToken: string | undefined
  for (const line of splitLines(text)) {
    const command = parseV2(line, known) ?? parseLegacy(line, known)
    if (!command) {
      log.shown.push(line)
      continue
    }
    if (stopToken !== undefined) {
      if (command.name === stopToken) {
        log.commands.push({ ...command, stream, line })
        known.delete(stopToken)
        stopToken = undefined
      } else {
        log.shown.push(line)
      }
      continue
    }
    log.commands.push({ ...command, stream, line })
    if (command.name === 'stop-commands') {
      stopToken = command.data.toLowerCase()
      known.add(stopToken)
    } else if (command.name === 'add-mask') {
      log.masks.push(command.data)
    } else if (SHOWN_COMMANDS.has(command.name)) {
      log.shown.push(command.data)
    }
  }
}

export function readRunnerLog(stdout: string, stderr = ''): RunnerLog {
  const log: RunnerLog = { commands: [], shown: [], masks: [] }
  readStream(stdout, 'stdout', log)
  readStream(stderr, 'stderr', log)
  return log
}
