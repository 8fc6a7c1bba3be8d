/**
 * End-to-end, the bundled action against the emulator: every error text the docs quote
 * (test/support/error-texts.ts, one case per text of src/texts.ts) is what the step prints.
 */
import { describe, expect, it } from 'vitest'
import { ERROR_TEXT_CASES } from './support/error-texts.js'
import { runAgainst, useEmulator } from './support/e2e.js'

const server = useEmulator()

describe('the step prints each quoted text as src/texts.ts writes it', () => {
  it.each(Object.entries(ERROR_TEXT_CASES))('%s', async (_, errorCase) => {
    const { inputs, values = {}, stop } = (await errorCase.prepare?.(server())) ?? {}
    try {
      const { event } = errorCase
      const result = await runAgainst(
        server(),
        { ...(errorCase.inputs.mode ? {} : { message: 'hello' }), ...errorCase.inputs, ...inputs },
        event ? { event: event.payload, env: { GITHUB_EVENT_NAME: event.name } } : {}
      )
      const printed = result.stdout
        .replaceAll('%0D', '\r')
        .replaceAll('%0A', '\n')
        .replaceAll('%25', '%')
      expect(result.exitCode, result.stdout + result.stderr).toBe(1)
      expect(printed).toContain(errorCase.text(values))
    } finally {
      await stop?.()
    }
  })
})
