/**
 * End-to-end, the bundled action against the emulator: release announcements: the `markdown`
 * filter on release notes.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../tools/run-action.js'
import { failure, runOn, sentOn, useEmulator } from './support/e2e.js'
import { recordedEventWith } from './support/events.js'

const server = useEmulator()
const B = '\u200B'
const notes = readFileSync(path.join(ROOT, 'test/fixtures/release-notes.md'), 'utf8')

const run = runOn(server)

const sent = sentOn(server)

const RELEASE = {
  tag_name: 'v1.3.0',
  name: 'Version 1.3 [toall]',
  body: notes,
  html_url: 'https://github.com/octo-org/octo-repo/releases/tag/v1.3.0'
}
/** The recorded `release` `published` payload, with this release's fields (and `body`). */
const releaseWith = (body = notes) =>
  recordedEventWith('release.published', { release: { ...RELEASE, body } })
const release = releaseWith()

describe('release announcements', () => {
  it('with no template: the notes as Chatwork notation, in a box titled with the tag', async () => {
    const { body, result } = await sent('release', release, { message: '' })
    expect(body).toMatch(
      new RegExp(
        `^\\[info\\]\\[title\\]octo-org/octo-repo v1\\.3\\.0: Version 1\\.3 \\[${B}toall\\]\\[/title\\]【What's Changed】\n`
      )
    )
    expect(body).toContain(
      '・ Add Markdown support to announcements by @octocat in https://github.com/octo-org/octo-repo/pull/101\n'
    )
    expect(body).toContain(`Fix the parser for [${B}toall] in titles`)
    expect(body).not.toMatch(/##|\*\*|<!--/)
    expect(body).toMatch(
      /Full Changelog: https:\/\/github\.com\/octo-org\/octo-repo\/compare\/v1\.2\.0\.\.\.v1\.3\.0\n\nhttps:\/\/github\.com\/octo-org\/octo-repo\/releases\/tag\/v1\.3\.0\[\/info\]$/
    )
    expect(result.summary).toContain("What's Changed")
  })

  it('with a template: {{ … | markdown }} converts, the rest of the template is as written', async () => {
    const { body } = await sent('release', release, {
      message:
        '[info][title]{{ github.event.release.tag_name }}[/title]{{ github.event.release.body | markdown }}[/info]'
    })
    expect(
      body.startsWith("[info][title]v1.3.0[/title]【What's Changed】\n\n■ Exciting New Features")
    ).toBe(true)
    expect(body.endsWith('compare/v1.2.0...v1.3.0[/info]')).toBe(true)
  })

  it('markdown: N cuts long notes at a block and says so', async () => {
    const long = releaseWith(`${notes}\n\n${'* more\n'.repeat(200)}`)
    const { body } = await sent('release', long, {
      message: '{{ github.event.release.body | markdown: 400 }}'
    })
    expect(body.length).toBeLessThanOrEqual(400)
    expect(body.endsWith('\n…(truncated)')).toBe(true)
  })

  it('the default caps the notes at 20000 characters', async () => {
    const long = releaseWith('* a long line of release notes\n'.repeat(800))
    const { body } = await sent('release', long)
    expect(body).toContain(
      '\n…(truncated)\n\nhttps://github.com/octo-org/octo-repo/releases/tag/v1.3.0[/info]'
    )
    expect(body.length).toBeLessThan(20_300)
  })

  it('a literal [ before the filter cannot make a tag out of the notes', async () => {
    const { body } = await sent('release', releaseWith('toall] hi'), {
      message: '[{{ github.event.release.body | markdown }}'
    })
    expect(body).toBe(`[${B}toall] hi`)
  })

  it('refuses a bad length before any request', async () => {
    const result = await run({ message: '{{ "x" | markdown: "lots" }}' })
    expect(failure(result)).toContain(
      `Input 'message' is not a valid template: the markdown filter's length is "lots"; expected a whole number from 20 to 65535`
    )
    expect(server().requests).toHaveLength(0)
  })
})
