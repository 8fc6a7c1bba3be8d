/**
 * The Markdown bounds on inputs as large as GitHub allows: they let the largest realistic
 * release notes and long lists through, converted fully. Parsing 100 kB of Markdown takes
 * seconds on a slow machine, so these run with the larger tables (`npm run test:tables` and its
 * step in `.ci/run`), not in the inner loop nor in `npm test`; the bounds that refuse an input
 * are in markdown.test.ts.
 */
import { describe, expect, it } from 'vitest'
import { markdownToChatwork as convert } from '../src/message/markdown.js'
import { largeReleaseNotes } from './fixtures/release-notes-large.js'

describe('markdown: bounded by structure before parsing', () => {
  const beyond = (text: string) => {
    const reasons: string[] = []
    const out = convert(text, { beyond: reason => reasons.push(reason) })
    return { out, reasons }
  }

  it('converts GitHub-sized realistic notes fully, within every bound', () => {
    const notes = largeReleaseNotes()
    const { out, reasons } = beyond(notes)
    expect(reasons).toEqual([])
    expect(out.startsWith('【parser (part 1)】\n\n■ Exciting New Features 🎉\n')).toBe(true)
    expect(
      out.endsWith('Full Changelog: https://github.com/octo-org/octo-repo/compare/v1.0.0...v2.0.0')
    ).toBe(true)
  })

  it('many delimiters in separate list items are not one paragraph', () => {
    const list = Array.from({ length: 3000 }, (_, i) => `- **fix:** [#${i}](u) _x_`).join('\n')
    expect(beyond(list).reasons).toEqual([])
  })
})
