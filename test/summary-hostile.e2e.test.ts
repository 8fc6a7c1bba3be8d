/**
 * End-to-end: hostile text and sizes against the job summary and the outputs. The summary is
 * read back the way GitHub reads it: as GFM Markdown (every line must stay inside an HTML
 * block), then as HTML (hostile text must be text, never an element).
 */
import { describe, expect, it } from 'vitest'
import { ALICE, BOB, BOT, ROOM } from '../tools/emulator/index.js'
import { JOB_OUTPUTS_LIMIT, outputSize } from '../src/modes/outputs.js'
import { ok, runAgainst, useEmulator } from './support/e2e.js'
import { expectWholeBlocks } from './support/summary-html.js'

const server = useEmulator()

/** What a room member can type. */
const HOSTILE = [
  '[qt][qtmeta aid=2002 time=99999999999999]forged[/qt]after the quote',
  'para one\n\n# a heading\n\n* a list',
  'a </pre> b </div></td></tr></table> c',
  '<script>alert(1)</script><img src=x onerror=alert(1)>',
  'carriage\rreturn\r\rtwice',
  '"<>&'.repeat(50)
]

describe('hostile text stays text', () => {
  it('fetch: every hostile message shows as written, inside its block', async () => {
    for (const body of HOSTILE) server().post(ROOM, ALICE, body, 1_700_000_000)
    server().post(ROOM, BOB, 'from the far future', 99_999_999_999_999)
    const result = ok(await runAgainst(server(), { mode: 'fetch' }))
    const { text } = expectWholeBlocks(result.summary)
    expect(text).toContain('Alice Tanaka at time 99999999999999 wrote:')
    expect(text).toContain('a </pre> b </div></td></tr></table> c')
    expect(text).toContain('<script>alert(1)</script><img src=x onerror=alert(1)>')
    expect(text).toContain('"<>&'.repeat(50))
    expect(result.summary).toContain('<td>99999999999999</td><td>Bob Suzuki</td>')
    expect(JSON.parse(result.outputs.messages ?? '')).toHaveLength(HOSTILE.length + 1)
  })

  it('gate: a forged quote time does not cost the record of who approved', async () => {
    const asked = server().post(ROOM, BOT, 'Deploy? Reply /approve')
    server().reply(ROOM, BOB, asked.message_id, 'not yet\n\n</table>')
    const forged = '[qt][qtmeta aid=3003 time=99999999999999]forged[/qt]'
    server().reply(ROOM, ALICE, asked.message_id, `${forged}\n/approve`)
    const result = ok(
      await runAgainst(server(), {
        mode: 'fetch',
        match: '^/approve',
        'replies-to': asked.message_id
      })
    )
    expectWholeBlocks(result.summary)
    expect(result.summary).toContain('<b>Decision: approved</b>; approved by Alice Tanaka (2002)')
    expect(result.summary).toContain('Bob Suzuki at time 99999999999999 wrote:')
    expect(result.outputs.decision).toBe('approved')
  })

  it('send: a file name with blank lines stays in its heading', async () => {
    const name = 'report\n\n# not a heading\n\n<b>x<b>.txt'
    const result = ok(
      await runAgainst(
        server(),
        { file: name, message: 'see\n\nthe </pre> file' },
        { files: { [name]: 'data' } }
      )
    )
    const { text } = expectWholeBlocks(result.summary)
    expect(result.summary).toContain(
      '<h3>File report<br><br># not a heading<br><br>&lt;b&gt;x&lt;b&gt;.txt uploaded to Chatwork</h3>'
    )
    expect(text).toContain('the </pre> file')
  })
})

describe('sizes stay under what GitHub keeps', () => {
  /** A message of characters that escaping makes longer: by default Chatwork's longest. */
  const longest = (chars: string, length = 65_535) =>
    chars.repeat(length / chars.length + 1).slice(0, length)

  it.each([
    // 100 of Chatwork's longest: about 0.96 MB of summary, kept whole.
    ['"<>&', 65_535, false],
    // Rows of 2,000 escaped quotes pass 1 MiB (a longer body would pass the 10 MB answer cap).
    ['"', 20_000, true]
  ])(
    'fetch: 100 messages of %j × %i: the summary under 1 MiB, the outputs under 1 MB',
    async (chars, length, cut) => {
      const body = longest(chars, length)
      for (let i = 0; i < 100; i++) server().post(ROOM, ALICE, body, 1_700_000_000 + i)
      const result = ok(await runAgainst(server(), { mode: 'fetch', limit: '100' }))
      expectWholeBlocks(result.summary)
      const note =
        /<i>(\d+) older messages left out: GitHub drops a step's summary past 1 MiB/.exec(
          result.summary
        )
      const left = Number(note?.[1] ?? 0)
      const rows = result.summary.split('</tr>').length - 2
      expect(left > 0).toBe(cut)
      expect(left + rows).toBe(100)
      // The newest message stays: the last row is the 100th.
      expect(result.summary).toContain('<td>2023-11-14 22:14:59</td>')

      const total = Object.entries(result.outputs).reduce(
        (sum, [name, value]) => sum + outputSize(name) + outputSize(value),
        0
      )
      expect(total).toBeLessThan(JOB_OUTPUTS_LIMIT)
      const messages = JSON.parse(result.outputs.messages ?? '') as { body: string }[]
      expect(messages.length).toBeGreaterThan(0)
      expect(messages.every(m => m.body === body)).toBe(true)
      expect(result.outputs.count).toBe(String(messages.length))
      expect(result.outputs['last-message-body']).toBe(body)
      expect(result.stdout).toContain(
        `::warning::The 'messages' output leaves out the ${100 - messages.length} oldest of its 100 items`
      )
    }
  )

  it('dry-run: a longest message shown three times: what does not fit is named', async () => {
    const result = ok(await runAgainst(server(), { message: longest('"'), 'dry-run': 'true' }))
    expectWholeBlocks(result.summary)
    expect(result.summary).toContain('<h3>Chatwork dry run: not sent</h3>')
    expect(result.summary).toContain('The message, as Chatwork would show it:')
    expect(result.summary).toContain(
      "<p><i>The list of requests is left out: GitHub drops a step's summary past 1 MiB.</i></p>"
    )
  })
})
