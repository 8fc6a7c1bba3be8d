/**
 * End-to-end, the bundled action against the emulator: `file`: an upload as multipart/form-data,
 * exactly once, with its size and existence checked before sending.
 */
import { describe, expect, it } from 'vitest'
import { ROOM } from '../tools/emulator/index.js'
import { failure, ok, runOn, useEmulator } from './support/e2e.js'

const server = useEmulator()
const run = runOn(server)

describe('file', () => {
  const report = Buffer.from(
    '<testsuite tests="3" failures="1">\n  <testcase name="ä & ü"/>\n</testsuite>\n'
  )

  it('uploads the file as multipart/form-data with the rendered message', async () => {
    const result = ok(
      await run(
        { file: 'report.xml', message: 'Test report for {{ github.sha | slice: 0, 7 }}' },
        { files: { 'report.xml': report } }
      )
    )
    const [stored] = server().rooms.get(ROOM)?.files ?? []
    expect(stored?.filename).toBe('report.xml')
    expect(stored?.content.equals(report)).toBe(true)
    expect(stored?.contentType).toBe('application/xml')
    expect(result.outputs['file-id']).toBe(String(stored?.file_id))
    expect(server().messages(ROOM)[0]?.body).toMatch(
      /^Test report for 0123456\n\[info\]\[title\]\[dtext:file_uploaded\]/
    )
    const request = server().requestsTo('POST', `/rooms/${ROOM}/files`)[0]
    expect(request?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/)
    expect(server().requests).toHaveLength(1)
  })

  it('uploads without a message', async () => {
    ok(await run({ file: 'report.xml', message: '' }, { files: { 'report.xml': report } }))
    expect(server().rooms.get(ROOM)?.files).toHaveLength(1)
  })

  it('does not upload twice when the answer was lost', async () => {
    server().inject({ times: 1, method: 'POST', fault: { kind: 'drop-after' } })
    const result = ok(
      await run({ file: 'report.xml', message: 'x' }, { files: { 'report.xml': report } })
    )
    const files = server().rooms.get(ROOM)?.files ?? []
    expect(files).toHaveLength(1)
    expect(result.outputs['file-id']).toBe(String(files[0]?.file_id))
  })

  it('refuses a file over 5 MB before sending', async () => {
    const result = await run(
      { file: 'big.bin', message: 'x' },
      { files: { 'big.bin': Buffer.alloc(5 * 1024 * 1024 + 1) } }
    )
    expect(failure(result)).toBe(
      "Input 'file' is 'big.bin': the file has 5242881 bytes; Chatwork accepts files up to 5 MB (5242880 bytes)."
    )
    expect(server().requests).toHaveLength(0)
  })

  it('refuses a missing file before sending', async () => {
    const result = await run({ file: 'nope.txt', message: 'x' })
    expect(failure(result)).toMatch(
      /^Input 'file' is 'nope.txt': no such file \(looked for '.*nope.txt'\)\. Paths are relative to the workspace/
    )
    expect(server().requests).toHaveLength(0)
  })
})
