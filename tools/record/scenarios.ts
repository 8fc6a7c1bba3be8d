/**
 * A fixed set of runs of the bundled action, every mode, success and failure: what a refactor
 * must leave byte for byte as it was (see tools/record/record.ts). Each scenario starts from a
 * fresh emulator; `setup` stores what the room holds before the step, `answer` plays the people
 * who answer while it waits. Add a scenario when a mode or a way to fail is added; never change
 * one to make a recording match.
 */
import {
  ALICE,
  BOB,
  BOT,
  FOREIGN_ROOM,
  OPS_ROOM,
  READONLY_ROOM,
  ROOM,
  type ChatworkEmulator
} from '../emulator/index.js'

export interface Scenario {
  name: string
  inputs: Record<string, string>
  env?: Record<string, string>
  event?: object
  files?: Record<string, string>
  setup?: (emulator: ChatworkEmulator) => void
  /** Plays the people who answer while the step waits. */
  answer?: (emulator: ChatworkEmulator, step: Step) => Promise<void>
}

/** What the answering people wait for. */
export interface Step {
  /** Until a message containing `text` is in the room; its id. */
  posted(text: string): Promise<string>
  /** Until the step has read the room's messages once (a gate's first look). */
  looked(): Promise<void>
}

const PULL_REQUEST = {
  action: 'opened',
  number: 12,
  pull_request: {
    number: 12,
    title: 'Fix [the] build',
    html_url: 'https://github.com/octo-org/octo-repo/pull/12',
    user: { login: 'octocat' },
    head: { ref: 'fix/build' },
    base: { ref: 'main' }
  },
  repository: { full_name: 'octo-org/octo-repo', name: 'octo-repo', owner: { login: 'octo-org' } }
}

const WAIT = { 'wait-timeout-seconds': '60', 'poll-interval-seconds': '1' }

export const SCENARIOS: readonly Scenario[] = [
  { name: 'send-plain', inputs: { message: 'Build passed' } },
  {
    name: 'send-template-to-title',
    inputs: {
      message: 'PR #{{ github.event.number }}: {{ github.event.pull_request.title }}',
      to: `${ALICE.account_id}, ${BOB.account_id}`,
      title: 'Review wanted'
    },
    env: { GITHUB_EVENT_NAME: 'pull_request' },
    event: PULL_REQUEST
  },
  { name: 'send-default-message', inputs: {}, env: { GITHUB_EVENT_NAME: 'push' } },
  {
    name: 'send-markdown',
    inputs: { message: '{{ env.NOTES | markdown }}' },
    env: { NOTES: '## Fixes\n- one\n- `two` [To:1]\n\n| a | b |\n|---|---|\n| 1 | 2 |' }
  },
  {
    name: 'send-dry-run',
    inputs: { message: 'Not sent', 'dry-run': 'true', to: String(ALICE.account_id) }
  },
  { name: 'send-two-rooms', inputs: { message: 'Both', 'room-id': `${ROOM}, ${OPS_ROOM}` } },
  {
    name: 'send-one-room-fails',
    inputs: { message: 'Partly', 'room-id': `${ROOM}, ${FOREIGN_ROOM}` }
  },
  {
    name: 'send-file',
    inputs: { file: 'report.txt', message: 'The report' },
    files: { 'report.txt': 'ok\n' }
  },
  { name: 'send-bad-token', inputs: { message: 'x', token: 'wrong-token' } },
  { name: 'send-read-only', inputs: { message: 'x', 'room-id': String(READONLY_ROOM) } },
  { name: 'send-bad-room-id', inputs: { message: 'x', 'room-id': '#!rid123' } },
  { name: 'send-bad-template', inputs: { message: 'Hi {{ name ' } },
  {
    name: 'send-server-error',
    inputs: { message: 'x', retries: '1' },
    setup: e => e.inject({ fault: { kind: 'status', status: 503 }, times: 5, method: 'POST' })
  },
  {
    name: 'send-lost-answer',
    inputs: { message: 'Only once' },
    setup: e => e.inject({ fault: { kind: 'drop-after' }, times: 1, method: 'POST' })
  },
  {
    name: 'send-fail-on-error-false',
    inputs: { message: 'x', token: 'wrong-token', 'fail-on-error': 'false' }
  },
  { name: 'invalid-mode', inputs: { mode: 'shout', message: 'x' } },
  {
    name: 'update',
    inputs: { mode: 'update', message: 'Edited', 'message-id': 'FIRST' },
    setup: e => void e.post(ROOM, BOT, 'Original')
  },
  {
    name: 'update-missing',
    inputs: { mode: 'update', message: 'x', 'message-id': '1234567890123456789' }
  },
  {
    name: 'delete',
    inputs: { mode: 'delete', 'message-id': 'FIRST' },
    setup: e => void e.post(ROOM, BOT, 'To delete')
  },
  {
    name: 'delete-not-author',
    inputs: { mode: 'delete', 'message-id': 'FIRST' },
    setup: e => void e.post(ROOM, ALICE, 'Alice wrote this')
  },
  {
    name: 'fetch',
    inputs: { mode: 'fetch' },
    setup: e => {
      e.post(ROOM, ALICE, 'Hello [b]there[/b]')
      e.post(ROOM, BOB, 'Second')
    }
  },
  {
    name: 'gate-approved',
    inputs: { mode: 'fetch', match: '^/approve', ...WAIT },
    answer: async (e, step) => {
      await step.looked()
      e.post(ROOM, ALICE, '/approve ship it')
    }
  },
  {
    name: 'gate-timeout',
    inputs: {
      mode: 'fetch',
      match: '^/approve',
      'wait-timeout-seconds': '2',
      'poll-interval-seconds': '1',
      'fail-on-no-match': 'true'
    }
  },
  { name: 'gate-bad-pattern', inputs: { mode: 'fetch', match: '(?=x)' } },
  {
    name: 'task',
    inputs: { mode: 'task', message: 'Review #12', to: String(ALICE.account_id), 'task-due': '3d' }
  },
  {
    name: 'task-bad-due',
    inputs: { mode: 'task', message: 'x', to: String(ALICE.account_id), 'task-due': 'soon' }
  },
  {
    name: 'task-done',
    inputs: { mode: 'task-done', 'task-match': 'Review #12$' },
    setup: e => void e.addTask(ROOM, BOT, [ALICE.account_id], 'Review #12')
  },
  {
    name: 'ask-approved',
    inputs: { mode: 'ask', message: 'Deploy v2?', ...WAIT },
    answer: async (e, step) => void e.reply(ROOM, ALICE, await step.posted('Deploy v2?'), 'ok')
  },
  {
    name: 'ask-rejected',
    inputs: { mode: 'ask', message: 'Deploy v3?', ...WAIT },
    answer: async (e, step) => void e.reply(ROOM, BOB, await step.posted('Deploy v3?'), 'no')
  },
  { name: 'api-get', inputs: { mode: 'api', 'api-method': 'GET', 'api-path': '/me' } },
  { name: 'api-bad-path', inputs: { mode: 'api', 'api-method': 'GET', 'api-path': '/rooms/../me' } }
]
