/**
 * End-to-end, the bundled action against the emulator: bad inputs fail the step before any
 * request.
 */
import { describe, expect, it } from 'vitest'
import { expectNoStackTrace, failure, runOn, useEmulator } from './support/e2e.js'
import { table } from './support/table.js'

const server = useEmulator()
const run = runOn(server)

describe('bad inputs fail before any request', () => {
  table([
    [
      { 'room-id': '#!rid335028121' },
      "Input 'room-id' is '#!rid335028121'; expected the room's numeric id (digits only). It looks like a Chatwork URL: use the digits after '#!rid', i.e. '335028121'."
    ],
    [
      { 'room-id': 'general' },
      "Input 'room-id' is 'general'; expected the room's numeric id (digits only). Find it in the room's web URL: the digits after '#!rid'."
    ],
    [
      { mode: 'shout' },
      "Input 'mode' is 'shout'; expected one of: send, fetch, update, delete, task, task-done, api, ask."
    ],
    [
      { mode: 'fetch', limit: '500' },
      "Input 'limit' is '500'; expected a whole number from 1 to 100."
    ],
    [
      { mode: 'fetch', 'unread-only': 'maybe' },
      "Input 'unread-only' is 'maybe'; expected 'true' or 'false'."
    ],
    [{ 'self-unread': 'on' }, "Input 'self-unread' is 'on'; expected 'true' or 'false'."],
    [
      { 'api-base-url': 'http://example.com/v2' },
      "Input 'api-base-url' is 'http://example.com/v2'; expected an https:// URL (plain http:// is accepted only for 127.0.0.1, localhost and [::1])."
    ],
    [
      { 'api-base-url': '::::' },
      "Input 'api-base-url' is '::::'; expected a URL such as 'https://api.chatwork.com/v2'."
    ],
    [
      { status: 'done' },
      "Input 'status' is 'done'; expected one of success, failure, cancelled (pass ${{ job.status }}), or nothing."
    ],
    [
      { token: '' },
      "Input 'token' is required: pass your Chatwork API token from a secret, e.g. token: ${{ secrets.CHATWORK_API_TOKEN }}. If the secret is set: it reads as empty in runs from forks and by Dependabot, and when it belongs to an environment the job does not name."
    ]
  ])('%o', async (inputs, expected) => {
    const result = await run({ message: 'hello', ...inputs })
    expect(failure(result)).toBe(expected)
    expect(server().requests).toHaveLength(0)
    expectNoStackTrace(result)
  })
})

describe('an empty token, where secrets are empty', () => {
  table([
    [
      { GITHUB_ACTOR: 'dependabot[bot]' },
      'started by Dependabot, whose runs get only Dependabot secrets'
    ],
    [{ GITHUB_TRIGGERING_ACTOR: 'dependabot[bot]' }, 'started by Dependabot'],
    [
      { GITHUB_HEAD_REF: 'feature', GITHUB_EVENT_NAME: 'pull_request' },
      'runs of a pull request from a fork get no secrets'
    ]
  ])('%o', async (env, advice) => {
    const result = await run({ message: 'hello', token: '' }, { env })
    expect(failure(result)).toContain(advice)
    expect(server().requests).toHaveLength(0)
  })
})

describe("an input spelled with '_' for '-'", () => {
  table([
    ['room_id', { INPUT_ROOM_ID: '335028121' }, { 'room-id': '' }],
    ['dry_run', { INPUT_DRY_RUN: 'true' }, {}]
  ])(
    '%s alone is refused, naming the input meant, before any request',
    async (written, env, inputs) => {
      const result = await run({ message: 'hello', ...inputs }, { env })
      const meant = written.replace('_', '-')
      expect(failure(result)).toBe(
        `Input '${written}' is not an input of this action; it is spelled '${meant}' (with '-'), which is not set. Rename '${written}' to '${meant}' in the step's with:.`
      )
      expect(server().requests).toHaveLength(0)
    }
  )

  it('with the right name set too, is named in a warning', async () => {
    const result = await run({ message: 'hello' }, { env: { INPUT_ROOM_ID: '1' } })
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain(
      "::warning::Input 'room_id' is ignored: the input is spelled 'room-id'"
    )
  })
})
