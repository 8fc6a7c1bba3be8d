/**
 * End-to-end, the bundled action against the emulator: inputs a mode does not read are named in a
 * warning.
 */
import { describe, expect, it } from 'vitest'
import { ROOM } from '../tools/emulator/index.js'
import { ok, runOn, useEmulator } from './support/e2e.js'

const server = useEmulator()
const run = runOn(server)

describe('inputs a mode does not read', () => {
  it('are named in a warning, and an invalid one there does not fail the step', async () => {
    const sent = ok(await run({ message: 'to delete' }))
    const id = sent.outputs['message-id'] ?? ''
    const result = ok(
      await run({ mode: 'delete', 'message-id': id, file: 'report.txt', match: '(', title: 'x' })
    )
    expect(result.stdout).toContain(
      "::warning::Inputs 'title', 'file', 'match' do not apply to mode 'delete' and are ignored."
    )
    expect(server().messages(ROOM)).toHaveLength(0)
  })
})
