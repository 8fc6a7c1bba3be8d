/**
 * End-to-end, the bundled action against the emulator: `message-file`: the template read from a
 * file in the workspace.
 */
import { describe, expect, it } from 'vitest'
import { ROOM } from '../tools/emulator/index.js'
import { failure, ok, runOn, useEmulator } from './support/e2e.js'
import { table } from './support/table.js'

const server = useEmulator()
const run = runOn(server)

describe('message-file', () => {
  it('reads the template from a file in the workspace', async () => {
    ok(
      await run(
        { 'message-file': 'notify.liquid' },
        { files: { 'notify.liquid': 'From a file: {{ github.repository }}\n' } }
      )
    )
    expect(server().messages(ROOM).at(-1)?.body).toBe('From a file: octo-org/octo-repo')
  })

  table([
    [
      { 'message-file': 'missing.txt' },
      {},
      "Input 'message-file' is 'missing.txt': no such file (looked for '"
    ],
    [
      { 'message-file': 'notify.liquid', message: 'x' },
      { 'notify.liquid': 'y' },
      "Inputs 'message' and 'message-file' are both set; use one of them."
    ],
    [
      { 'message-file': 'empty.liquid' },
      { 'empty.liquid': '' },
      "Input 'message-file' is 'empty.liquid': the file is empty."
    ],
    [
      { 'message-file': 'bad.liquid' },
      { 'bad.liquid': 'line 1\n{% for x in y %}' },
      "Input 'message-file' is not a valid template: tag {% for x in y %} not closed, line:2, col:1."
    ]
  ])('refuses %o before any request', async (inputs, files, expected) => {
    const result = await run({ message: '', ...inputs }, { files })
    expect(failure(result)).toContain(expected)
    expect(server().requests).toHaveLength(0)
  })
})
