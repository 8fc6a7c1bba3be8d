/**
 * One step of each kind whose job summary a reader meets (send, dry run, failures, fetch, gate,
 * task), as the inputs a workflow would give, against an emulator. The summary rendering tests
 * read their summaries as GitHub renders them; `npm run screenshots` takes a picture of each.
 */
import { ALICE, BOB, BOT, FOREIGN_ROOM, ROOM, type ChatworkEmulator } from './emulator/index.js'

interface SummaryKind {
  /** A file name for the screenshot, and the test's handle. */
  name: string
  /** The step's inputs, given the emulator (after anything the room needs is posted). */
  inputs(emulator: ChatworkEmulator): Record<string, string>
  event?: object
}

/** A message with what a summary must keep: an address, and a code block with a blank line. */
const MESSAGE = 'Build failed: https://example.com/runs/7.\n[code]npm test\n\nexit 1[/code]'

export const SUMMARY_KINDS: readonly SummaryKind[] = [
  { name: 'send', inputs: () => ({ message: MESSAGE }) },
  { name: 'dry-run', inputs: () => ({ message: MESSAGE, 'dry-run': 'true' }) },
  { name: 'input-error', inputs: () => ({ 'room-id': 'general' }) },
  {
    // What the runner makes of message: 'New PR: ${{ github.event.pull_request.title }}'
    name: 'refused-template',
    inputs: () => ({ message: 'New PR: {{ env.DEPLOY_KEY }}' }),
    event: { pull_request: { number: 7, title: '{{ env.DEPLOY_KEY }}' } }
  },
  {
    name: 'delivery-failure',
    inputs: () => ({ 'room-id': `${ROOM}, ${FOREIGN_ROOM}`, message: MESSAGE })
  },
  {
    name: 'fetch',
    inputs: emulator => {
      emulator.post(ROOM, ALICE, 'see https://example.com/pr/1')
      return { mode: 'fetch' }
    }
  },
  {
    name: 'gate',
    inputs: emulator => {
      const asked = emulator.post(ROOM, BOT, 'Deploy? Reply /approve')
      emulator.reply(ROOM, BOB, asked.message_id, 'looks risky')
      emulator.reply(ROOM, ALICE, asked.message_id, '/approve')
      return { mode: 'fetch', match: '^/approve', 'replies-to': asked.message_id }
    }
  },
  {
    name: 'task',
    inputs: () => ({
      mode: 'task',
      to: String(ALICE.account_id),
      message: 'Review\n[code]a\nb[/code]'
    })
  }
]

export function summaryKind(name: string): SummaryKind {
  const kind = SUMMARY_KINDS.find(k => k.name === name)
  if (!kind) throw new Error(`no summary kind ${name}`)
  return kind
}
