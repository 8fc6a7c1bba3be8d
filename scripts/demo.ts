/**
 * `npm run demo`: no Chatwork account, no network. Starts the Chatwork emulator on 127.0.0.1,
 * runs dist/index.js as GitHub's runner would to send a templated message, to announce a
 * release with no template (its Markdown notes in Chatwork notation), then to fetch the room,
 * and prints the outputs and the job summaries.
 */
import { ChatworkEmulator, DEFAULT_TOKEN, ROOM, seedDemoRoom } from '../tools/emulator/index.js'
import { runAction, type RunResult } from '../tools/run-action.js'

/** Notes as `gh release create --generate-notes` writes them. */
const RELEASE_NOTES = [
  "## What's Changed",
  '* Add Markdown support to announcements by @octocat in https://github.com/octo-org/octo-repo/pull/101',
  '* Fix the parser for `[toall]` in titles by @hubot in https://github.com/octo-org/octo-repo/pull/102',
  '',
  '**Full Changelog**: https://github.com/octo-org/octo-repo/compare/v1.2.0...v1.3.0'
].join('\n')

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
    'send (release, default message)',
    await runAction({
      inputs: { token: DEFAULT_TOKEN, 'room-id': String(ROOM), 'api-base-url': emulator.url },
      env: { GITHUB_EVENT_NAME: 'release' },
      event: {
        action: 'published',
        release: {
          tag_name: 'v1.3.0',
          name: 'Version 1.3',
          html_url: 'https://github.com/octo-org/octo-repo/releases/tag/v1.3.0',
          body: RELEASE_NOTES
        }
      }
    })
  )
  console.log('--- what Chatwork got for the release')
  console.log(emulator.messages(ROOM).at(-1)?.body ?? '')
  console.log()
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
