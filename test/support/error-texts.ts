/**
 * One case per text of src/texts.ts that the docs quote: how to make the bundled action print
 * it against the emulator, and the text as src/texts.ts renders it with the case's values.
 * test/error-texts.e2e.test.ts runs them; test/docs.slow.test.ts checks every quoted text has one.
 */
import * as texts from '../../src/texts.js'
import { ConnectProxy } from '../../tools/connect-proxy.js'
import {
  BOB,
  BOT,
  ChatworkEmulator,
  FOREIGN_ROOM,
  READONLY_ROOM,
  ROOM
} from '../../tools/emulator/index.js'
import { refusedPort } from './ports.js'
import { recordedEventWith } from './events.js'

type TextName = keyof typeof texts

interface Prepared {
  /** Inputs the case adds once its servers run. */
  inputs?: Record<string, string>
  /** Values the text is rendered with. */
  values?: Record<string, string>
  stop?: () => Promise<void>
}

interface ErrorTextCase {
  inputs: Record<string, string>
  /** The event the run is for, with its payload. */
  event?: { name: string; payload: object }
  prepare?: (server: ChatworkEmulator) => Promise<Prepared> | Prepared
  /** The text the step must print, rendered by src/texts.ts. */
  text: (values: Record<string, string>) => string
}

const question = (server: ChatworkEmulator) =>
  server.post(ROOM, BOT, 'Deploy? Reply /approve or /reject').message_id
const GATE = { mode: 'fetch', match: '^/approve\\b', 'reject-match': '^/reject\\b' }

export const ERROR_TEXT_CASES: Partial<Record<TextName, ErrorTextCase>> = {
  notARoomId: {
    inputs: { 'room-id': 'general' },
    text: () =>
      texts.notARoomId(
        'room-id',
        'is',
        "'general'",
        " Find it in the room's web URL: the digits after '#!rid'."
      )
  },
  notATemplate: {
    inputs: { message: '{% if %}' },
    text: () => texts.notATemplate('message', 'invalid value expression: "", line:1, col:6')
  },
  pastedIntoTemplate: {
    inputs: { message: 'New PR: Fix {{ env.X }}' },
    event: {
      name: 'pull_request',
      payload: recordedEventWith('pull_request.opened', {
        pull_request: { title: 'Fix {{ env.X }}' }
      })
    },
    text: () =>
      texts.pastedIntoTemplate(
        'message',
        'github.event.pull_request.title',
        "whose text '{{ env.X }}' is inside github.event.pull_request.title ('Fix {{ env.X }}')"
      )
  },
  notAPattern: {
    inputs: { mode: 'fetch', match: '(' },
    text: () => texts.notAPattern('match', "'('", 'error parsing regexp: missing closing ): `(`')
  },
  UNAUTHORIZED_ADVICE: {
    inputs: { token: 'not-a-valid-token' },
    text: () => texts.UNAUTHORIZED_ADVICE
  },
  FORBIDDEN_ADVICE: {
    inputs: { 'room-id': String(READONLY_ROOM) },
    text: () => texts.FORBIDDEN_ADVICE
  },
  NOT_FOUND_ADVICE: {
    inputs: { 'room-id': String(FOREIGN_ROOM) },
    text: () => texts.NOT_FOUND_ADVICE
  },
  RATE_LIMIT_ADVICE: {
    inputs: {},
    prepare: async () => {
      const limited = await new ChatworkEmulator({
        tokenLimit: { max: 0, windowMs: 3_600_000 }
      }).start()
      return { inputs: { 'api-base-url': limited.url }, stop: () => limited.stop() }
    },
    text: () => texts.RATE_LIMIT_ADVICE
  },
  noCompleteAnswer: {
    inputs: { mode: 'fetch', 'timeout-seconds': '1', retries: '0' },
    prepare: server => {
      server.inject({ times: 10, fault: { kind: 'delay', ms: 10_000 } })
      return {}
    },
    text: () => texts.noCompleteAnswer(`GET /rooms/${ROOM}/messages`, 1)
  },
  couldNotConnect: {
    inputs: { retries: '0' },
    prepare: async () => {
      const port = String(await refusedPort())
      return { inputs: { 'api-base-url': `http://127.0.0.1:${port}/v2` }, values: { port } }
    },
    text: ({ port = '' }) =>
      texts.couldNotConnect(`POST /rooms/${ROOM}/messages`, `127.0.0.1:${port}`, 'ECONNREFUSED')
  },
  PROXY_AUTH_ADVICE: {
    inputs: { retries: '0' },
    prepare: async server => {
      const proxy = await new ConnectProxy(Number(new URL(server.url).port)).start()
      proxy.requireAuth = true
      return { inputs: { proxy: proxy.url() }, stop: () => proxy.stop() }
    },
    text: () => texts.PROXY_AUTH_ADVICE
  },
  invalidResponse: {
    inputs: { mode: 'fetch' },
    prepare: server => {
      server.inject({ times: 1, fault: { kind: 'status', status: 200, body: '{"messages": []}' } })
      return {}
    },
    text: () =>
      texts.invalidResponse(
        `GET /rooms/${ROOM}/messages`,
        'is not a list of messages',
        '"{\\"messages\\": []}"'
      )
  },
  unconfirmedPost: {
    inputs: { retries: '1' },
    prepare: server => {
      server.inject({
        times: 100,
        fault: { kind: 'status', status: 503, body: '{"errors":["Service Unavailable"]}' }
      })
      return {}
    },
    text: () =>
      texts.unconfirmedPost(
        `Could not send the message to room ${ROOM}. Chatwork answered POST /rooms/${ROOM}/messages with 503 Service Unavailable: "Service Unavailable".`,
        'Chatwork answered GET /me with 503 Service Unavailable: "Service Unavailable".'
      )
  },
  couldNotDeliver: {
    inputs: { 'room-id': `${ROOM}, ${FOREIGN_ROOM}` },
    text: () =>
      texts.couldNotDeliver(
        1,
        2,
        String(FOREIGN_ROOM),
        `; room ${ROOM} got it`,
        `room ${FOREIGN_ROOM}: Could not send the message to room ${FOREIGN_ROOM}.`
      )
  },
  noDecision: {
    // The roles read as English: each in the plural ('readonly' is no noun).
    inputs: {
      ...GATE,
      'fail-on-no-match': 'true',
      'wait-timeout-seconds': '0',
      'from-roles': 'member, readonly'
    },
    prepare: server => {
      const id = question(server)
      return { inputs: { 'replies-to': id }, values: { id } }
    },
    text: ({ id = '' }) =>
      texts.noDecision(
        String(ROOM),
        '',
        `a message matching ^/approve\\b (or a rejection matching ^/reject\\b) from room members or read-only members not from the token's own account replying to message ${id}`,
        '0 of 1 approval',
        0
      )
  },
  rejected: {
    inputs: GATE,
    prepare: server => {
      const id = question(server)
      const no = server.reply(ROOM, BOB, id, '/reject not today')
      return { inputs: { 'replies-to': id }, values: { no: no.message_id } }
    },
    text: ({ no = '' }) =>
      texts.rejected(String(ROOM), BOB.name, BOB.account_id, no, '"/reject not today"')
  }
}
