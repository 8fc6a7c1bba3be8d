/**
 * GitHub's longest release body (125,000 characters) of realistic notes converts while two
 * busy loops, started here, keep both cores of the machine busy: the render is bounded by the
 * notes' structure, not by a clock that a busy runner runs out. Its own suite
 * (`npm run test:hostile`, vitest.hostile.config.ts): the loops would slow every other test.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import { ROOM } from '../tools/emulator/index.js'
import { largeReleaseNotes } from './fixtures/release-notes-large.js'
import { ok, runAgainst, useEmulator } from './support/e2e.js'
import { recordedEventWith } from './support/events.js'

const server = useEmulator()

describe('realistic notes on a busy machine', () => {
  const loops: ChildProcess[] = []
  afterEach(() => {
    for (const loop of loops.splice(0)) loop.kill('SIGKILL')
  })

  it('125,000 characters of release notes convert with both cores busy', async () => {
    // Two busy loops, one per core of the runner, for as long as the action runs.
    for (let i = 0; i < 2; i++) {
      loops.push(spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }))
    }
    const notes = largeReleaseNotes()
    expect(notes.length).toBe(125_000)
    const result = ok(
      await runAgainst(
        server(),
        { message: '{{ github.event.release.body | markdown: 60000 }}' },
        {
          event: recordedEventWith('release.published', {
            release: { tag_name: 'v2.0.0', body: notes }
          }),
          env: { GITHUB_EVENT_NAME: 'release' }
        }
      )
    )
    expect(result.stdout).not.toContain('::warning::')
    const sent = server().messages(ROOM).at(-1)?.body ?? ''
    expect(sent.startsWith('【parser (part 1)】\n\n■ Exciting New Features 🎉\n\n・ Add ')).toBe(
      true
    )
    expect(sent).toContain('Area   │     Time │ Memory │')
    expect(sent).toContain('[code]- uses: octo-org/octo-repo@v1\n')
    expect(sent).toContain('・ core: add the --watch flag (#2040 (https://github.com/')
    expect(sent).not.toMatch(/\*\*core|^#{2,3} |\]\(/m)
    expect(sent.endsWith('\n…(truncated)')).toBe(true)
    expect(sent.length).toBeGreaterThan(59_000)
  })
})
