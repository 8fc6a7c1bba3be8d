/**
 * End-to-end, the bundled action against the emulator: `RUNNER_DEBUG`: one debug line per request,
 * without the token or the body.
 */
import { describe, expect, it } from 'vitest'
import { DEFAULT_TOKEN, ROOM } from '../tools/emulator/index.js'
import { ok, runWithEnvOn, useEmulator } from './support/e2e.js'

const server = useEmulator()
const run = runWithEnvOn(server)

describe('RUNNER_DEBUG', () => {
  it('adds a debug line per request: method, path, status, duration, rate limit; no token, no body', async () => {
    const result = ok(await run({ message: 'secret plan' }, { RUNNER_DEBUG: '1' }))
    expect(result.stdout).toMatch(
      new RegExp(
        `::debug::POST /rooms/${ROOM}/messages: 200 in \\d+ ms; rate limit \\d+ of 300 left, resets \\d{4}-\\d\\d-\\d\\dT`
      )
    )
    const debug = result.stdout.split('\n').filter(l => l.startsWith('::debug::'))
    expect(debug.join('\n')).not.toMatch(new RegExp(`${DEFAULT_TOKEN}|secret plan`))
  })
})
