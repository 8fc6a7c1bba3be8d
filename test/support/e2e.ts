/** Helpers shared by the end-to-end suites: one emulator per file, a runner, result checks. */
import { afterAll, beforeAll, beforeEach, expect } from 'vitest'
import { ChatworkEmulator, ROOM, type EmulatorOptions } from '../../tools/emulator/index.js'
import { runAgainst, type RunOptions, type RunResult } from '../../tools/run-action.js'

export { runAgainst } from '../../tools/run-action.js'

/** Starts one emulator for the test file (with `options`) and resets it before each test. */
export function useEmulator(options: EmulatorOptions = {}): () => ChatworkEmulator {
  let emulator: ChatworkEmulator | undefined
  beforeAll(async () => {
    emulator = await new ChatworkEmulator(options).start()
  })
  afterAll(() => emulator?.stop())
  beforeEach(() => emulator?.reset())
  return () => {
    if (!emulator) throw new Error('emulator not started')
    return emulator
  }
}

/** A file's `run(inputs, options)`: the bundled action against the emulator `server()` returns. */
export function runOn(server: () => ChatworkEmulator) {
  return (inputs: Record<string, string>, options: Omit<RunOptions, 'inputs'> = {}) =>
    runAgainst(server(), inputs, options)
}

/** A file's `run(inputs, env)`: the bundle with `preset` and the inputs, in the environment `env`. */
export function runWithEnvOn(server: () => ChatworkEmulator, preset: Record<string, string> = {}) {
  return (inputs: Record<string, string>, env: Record<string, string> = {}) =>
    runAgainst(server(), { ...preset, ...inputs }, { env })
}

/** A gate suite's `run(inputs, env)`: `mode: fetch` with the inputs, against `server()`. */
export const fetchOn = (server: () => ChatworkEmulator) => runWithEnvOn(server, { mode: 'fetch' })

/**
 * A file's `sent(event, payload, inputs)`: the step run for `event` with its payload, which
 * must succeed; the body it posted to ROOM, and the run.
 */
export function sentOn(server: () => ChatworkEmulator) {
  const run = runOn(server)
  return async (event: string, payload: object, inputs: Record<string, string> = {}) => {
    const result = ok(await run(inputs, { event: payload, env: { GITHUB_EVENT_NAME: event } }))
    return { body: server().messages(ROOM).at(-1)?.body ?? '', result }
  }
}

/** The message of the `::error::` line the step failed with. */
export function failure(result: RunResult): string {
  expect(result.exitCode, result.stdout + result.stderr).toBe(1)
  const line = result.stdout.split('\n').find(l => l.startsWith('::error::'))
  expect(line, result.stdout + result.stderr).toBeDefined()
  return (line ?? '')
    .slice('::error::'.length)
    .replaceAll('%0D', '\r')
    .replaceAll('%0A', '\n')
    .replaceAll('%25', '%')
}

/** Asserts the step succeeded. */
export function ok(result: RunResult): RunResult {
  expect(result.exitCode, result.stdout + result.stderr).toBe(0)
  return result
}

export function expectNoStackTrace(result: RunResult): void {
  expect(result.stdout + result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/)
}
