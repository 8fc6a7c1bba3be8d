// `npm run local`: the action from source (src/main.ts) by @github/local-action, with the inputs
// in .env. First it checks what a newcomer forgets: that .env exists, and that the emulator (or
// whatever INPUT_API-BASE-URL names on this machine) is listening; if not, it says what to do,
// within 2 s, instead of the action retrying a refused connection for half a minute.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'

const envFile = process.argv[2] ?? '.env'
if (!existsSync(envFile)) {
  console.error(
    `No ${envFile}: copy .env.example to ${envFile} (cp .env.example ${envFile}), then run npm run local again.`
  )
  process.exit(1)
}
const base = /^INPUT_API-BASE-URL=(.*)$/m.exec(readFileSync(envFile, 'utf8'))?.[1]?.trim()
const url = base ? new URL(base) : undefined
if (url && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80))
  const host = url.hostname.replace(/^\[|\]$/g, '')
  if (!(await listening(host, port))) {
    console.error(
      `Nothing is listening at ${url.host}, the api-base-url in ${envFile}. Start the emulator in another terminal with: npm run emulator${port === 8787 ? '' : ` -- --port ${port}`}`
    )
    process.exit(1)
  }
}
const bin = path.join('node_modules', '.bin', 'local-action')
const run = spawnSync(bin, ['run', '.', 'src/main.ts', envFile], { stdio: 'inherit' })
process.exit(run.status ?? 1)

/** Whether a TCP connection to host:port succeeds within a second. */
function listening(host, port) {
  return new Promise(resolve => {
    const socket = net.connect({ host, port, timeout: 1_000 })
    const done = ok => {
      socket.destroy()
      resolve(ok)
    }
    socket.once('connect', () => done(true))
    socket.once('timeout', () => done(false))
    socket.once('error', () => done(false))
  })
}
