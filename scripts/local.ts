/**
 * `npm run local [-- FILE]`: the action from source (src/index.ts, through tsx) as GitHub's
 * runner would start it, with the inputs and environment in .env (INPUT_* lines are inputs,
 * named as the runner names them, e.g. INPUT_ROOM-ID, with action.yml's defaults for the rest;
 * other lines are the step's environment). Prints the log (debug lines only with RUNNER_DEBUG=1,
 * as on the runner), the outputs and the job summary.
 *
 * The file is read by dotenv: a value in double quotes may span lines, and `\n` in it is a line
 * break (INPUT_MESSAGE="Build failed\n[code]npm test[/code]"). GITHUB_EVENT_PATH names an event
 * payload (a JSON file, e.g. one of test/fixtures/events) and GITHUB_EVENT_NAME its event.
 *
 * First it checks what a newcomer forgets: that .env exists, and that something listens at a
 * loopback api-base-url; if not, it says what to do within a second, instead of the action
 * retrying a refused connection for half a minute.
 */
import { existsSync, readFileSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { parse } from 'dotenv'
import { ROOT, runAction } from '../tools/run-action.js'

const envFile = process.argv[2] ?? '.env'
if (!existsSync(envFile)) {
  console.error(
    `No ${envFile}: copy .env.example to ${envFile} (cp .env.example ${envFile}), then run npm run local again.`
  )
  process.exit(1)
}
const inputs: Record<string, string> = {}
const env: Record<string, string> = {}
for (const [name, value] of Object.entries(parse(readFileSync(envFile, 'utf8')))) {
  if (name.startsWith('INPUT_')) inputs[name.slice('INPUT_'.length).toLowerCase()] = value
  else env[name] = value
}
const event = readEvent(env.GITHUB_EVENT_PATH)
delete env.GITHUB_EVENT_PATH
const base = inputs['api-base-url']
const url = base ? new URL(base) : undefined
if (url && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80))
  if (!(await listening(url.hostname.replace(/^\[|\]$/g, ''), port))) {
    console.error(
      `Nothing is listening at ${url.host}, the api-base-url in ${envFile}. Start the emulator in another terminal with: npm run emulator${port === 8787 ? '' : ` -- --port ${port}`}`
    )
    process.exit(1)
  }
}
const result = await runAction({ inputs, env, event, entry: path.join(ROOT, 'src/index.ts') })
// The runner shows ::debug:: lines only when debug logging is on (RUNNER_DEBUG=1).
const shown =
  env.RUNNER_DEBUG === '1' ? result.stdout : result.stdout.replace(/^::debug::.*(?:\r?\n|$)/gm, '')
process.stdout.write(shown)
process.stderr.write(result.stderr)
console.log(`\noutputs: ${JSON.stringify(result.outputs, null, 2)}`)
if (result.summary) console.log(`\njob summary (HTML):\n${result.summary}`)
process.exit(result.exitCode)

/** The payload GITHUB_EVENT_PATH names; a missing or broken file stops with advice. */
function readEvent(file: string | undefined): object | undefined {
  if (!file) return undefined
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as object
  } catch (error) {
    console.error(
      `GITHUB_EVENT_PATH in ${envFile} is ${JSON.stringify(file)}: ${(error as Error).message}. Expected a JSON event payload, e.g. GITHUB_EVENT_PATH=test/fixtures/events/push.json.`
    )
    process.exit(1)
  }
}

/** Whether a TCP connection to host:port succeeds within a second. */
function listening(host: string, port: number): Promise<boolean> {
  return new Promise(resolve => {
    const socket = net.connect({ host, port, timeout: 1_000 })
    const done = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.once('connect', () => done(true))
    socket.once('timeout', () => done(false))
    socket.once('error', () => done(false))
  })
}
