/**
 * `npm run demo`: no Chatwork account, no network. Starts the Chatwork emulator on 127.0.0.1,
 * runs dist/index.js as GitHub's runner would to send a templated message, then to fetch the
 * room, and prints the outputs and the job summaries.
 */
import { ChatworkEmulator, DEFAULT_TOKEN, ROOM, seedDemoRoom } from '../tools/emulator.js'
import { runAction, type RunResult } from '../tools/run-action.js'

const emulator = await new ChatworkEmulator().start()
try {
  seedDemoRoom(emulator)
  console.log(`Chatwork emulator listening at ${emulator.url}\n`)

  const message = [
    '[info][title]Build {{ github.repository }}@{{ github.sha | slice: 0, 7 }} failed[/title]',
    'Commit: {{ github.event.head_commit.message }} ({{ github.actor }})',
    'Run: {{ run_url }}[/info]'
  ].join('\n')
  show(
    'send',
    await runAction({
      inputs: {
        token: DEFAULT_TOKEN,
        'room-id': String(ROOM),
        message,
        'api-base-url': emulator.url
      },
      event: { head_commit: { message: 'Ship it [toall]' } }
    })
  )
  show(
    'fetch',
    await runAction({
      inputs: {
        token: DEFAULT_TOKEN,
        'room-id': String(ROOM),
        mode: 'fetch',
        limit: '5',
        'api-base-url': emulator.url
      }
    })
  )
  console.log(`The emulator received ${emulator.requests.length} requests.`)
} finally {
  await emulator.stop()
}

function show(step: string, result: RunResult): void {
  console.log(`=== step '${step}': exit code ${result.exitCode} (${Math.round(result.ms)} ms)`)
  console.log('--- log')
  console.log((result.stdout + result.stderr).trim() || '(nothing)')
  console.log('--- outputs')
  for (const [name, value] of Object.entries(result.outputs)) console.log(`${name}: ${value}`)
  console.log('--- job summary')
  console.log(result.summary.trim())
  console.log()
  if (result.exitCode !== 0) process.exitCode = 1
}
