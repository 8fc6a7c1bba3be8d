/**
 * The runner protocol: the one module that reaches into @actions/core and @actions/github by
 * path. Everything else imports it as `runner`, never as `core`, so that nobody takes it for
 * @actions/core's index.
 *
 * The parts of @actions/core that the action uses, from core's own modules.
 *
 * Why not `import * as core from '@actions/core'`: core's index also loads its OIDC client,
 * which loads @actions/http-client and with it undici, and its `platform` module, which loads
 * @actions/exec and child_process. None of that runs here, yet evaluating it costs time at every
 * start (measured in docs/performance.md, "Figures behind the code's choices"). The
 * functions below are core's own one-liners over core's command modules, which carry the
 * runner protocol (escaping, `::add-mask::`, GITHUB_OUTPUT delimiters, the summary file).
 * core's package exports only its index, so these modules are imported by path; the tests run
 * the bundle, so a change inside core that breaks this fails CI.
 */
import { setOutputCommand } from './log.js'
import {
  issueFileCommand,
  prepareKeyValueMessage
} from '../node_modules/@actions/core/lib/file-command.js'

export { summary } from '../node_modules/@actions/core/lib/summary.js'

/** What the action says in the log: src/log.ts, the one module that writes to it. */
export {
  debug,
  info,
  infoUntrusted,
  maskedValues,
  notice,
  setFailed,
  setSecret,
  warning
} from './log.js'

/**
 * The GitHub context (GITHUB_* variables and the event payload) from @actions/github's own
 * Context module: the package's index also builds Octokit, which this action never calls (a
 * cost at every start-up, measured in docs/performance.md), and exports only that index. Both
 * packages are pinned to exact versions in package.json, and test/runner.test.ts exercises
 * every function adapted here, so a bump that moves a module fails there, by name, before
 * anything else.
 */
export { Context } from '../node_modules/@actions/github/lib/context.js'

/** An input as the runner passes it (`INPUT_<NAME>`), trimmed unless told otherwise. */
export function getInput(name: string, options: { trimWhitespace?: boolean } = {}): string {
  const value = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? ''
  return options.trimWhitespace === false ? value : value.trim()
}

export function setOutput(name: string, value: string): void {
  if (process.env.GITHUB_OUTPUT) {
    issueFileCommand('OUTPUT', prepareKeyValueMessage(name, value))
  } else {
    setOutputCommand(name, value)
  }
}
