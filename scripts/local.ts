/**
 * `npm run local [-- FILE]`: the action from source (src/index.ts, through tsx) as GitHub's
 * runner would start it, with the inputs and environment in .env (INPUT_* lines are inputs,
 * with action.yml's defaults for the rest; other lines are the step's environment). Prints the
 * log, the outputs and the job summary.
 *
 * First it checks what a newcomer forgets: that .env exists, and that something listens at a
 * loopback api-base-url; if not, it says what to do within a second, instead of the action
 * retrying a refused connection for half a minute.
 */
import { existsSync, readFileSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
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
for (const line of readFileSync(envFile, 'utf8').split('\n')) {
  const match = /^([A-Za-z_][\w-]*)=(.*)$/.exec(line.trim())
  if (!match) continue
  const [, name = '', value = ''] = match
  if (name.startsWith('INPUT_')) inputs[name.slice('INPUT_'.length).toLowerCase()] = value
  else env[name] = value
}
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
const result = await runAction({ inputs, env, entry: path.join(ROOT, 'src/index.ts') })
process.stdout.write(result.stdout)
process.stderr.write(result.stderr)
console.log(`\noutputs: ${JSON.stringify(result.outputs, null, 2)}`)
if (result.summary) console.log(`\njob summary (HTML):\n${result.summary}`)
process.exit(result.exitCode)

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
