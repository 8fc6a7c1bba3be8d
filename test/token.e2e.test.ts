/**
 * End-to-end, the bundled action against the emulator: the token never appears in logs, outputs or
 * the summary.
 */
import { describe, expect, it } from 'vitest'
import { ALICE, FOREIGN_ROOM, ROOM } from '../tools/emulator/index.js'
import { runOn, useEmulator } from './support/e2e.js'
import { refusedPort } from './support/ports.js'

const server = useEmulator()
const run = runOn(server)

describe('the token', () => {
  it('never appears in logs, outputs or the summary, even with debug logging', async () => {
    const token = 'emulator-token-alice-fedcba987654'
    server().post(ROOM, ALICE, 'hello')
    const cases: Record<string, string>[] = [
      { message: 'hi {{ env.INPUT_TOKEN }}', token },
      { mode: 'fetch', token },
      { message: 'x', token, 'room-id': String(FOREIGN_ROOM) },
      {
        message: 'x',
        token,
        'api-base-url': `http://127.0.0.1:${await refusedPort()}/v2`,
        retries: '0'
      }
    ]
    for (const inputs of cases) {
      const result = await run(inputs, { env: { RUNNER_DEBUG: '1', ACTIONS_STEP_DEBUG: 'true' } })
      const everything = [
        result.stdout,
        result.stderr,
        result.summary,
        JSON.stringify(result.outputs)
      ].join('\n')
      const withoutMask = everything.replace(`::add-mask::${token}`, '')
      expect(everything).toContain(`::add-mask::${token}`)
      expect(withoutMask).not.toContain(token)
    }
    expect(
      server()
        .messages(ROOM)
        .map(m => m.body)
    ).toContain('hi')
  })
})
