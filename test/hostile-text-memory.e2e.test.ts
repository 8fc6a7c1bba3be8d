/**
 * End-to-end: untrusted text is bounded by its structure, not by the clock. Hostile Markdown
 * (quadratic emphasis, an exploding table, deep quotes) and a YAML alias bomb each finish
 * within 10 s under 512 MB of peak memory (GNU time). Realistic notes on a busy machine:
 * test/busy.hostile.ts (`npm run test:hostile`).
 */
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ROOM } from '../tools/emulator/index.js'
import type { RunResult } from '../tools/run-action.js'
import { failure, ok, runAgainst, useEmulator } from './support/e2e.js'

const server = useEmulator()
const TIME = '/usr/bin/time'
const hasTime = existsSync(TIME)
const MAX_MS = 10_000
const MAX_RSS_KB = 512 * 1024

function within(result: RunResult): void {
  expect(result.ms).toBeLessThan(MAX_MS)
  expect(result.maxRssKb).toBeDefined()
  expect(result.maxRssKb ?? Infinity).toBeLessThan(MAX_RSS_KB)
}

/** Posts `{{ github.event.comment.body | markdown: 20000 }}` for an issue comment of `body`. */
function comment(body: string) {
  return runAgainst(
    server(),
    { message: '{{ github.event.comment.body | markdown: 20000 }}' },
    {
      event: { comment: { body, user: { login: 'mallory' } }, issue: { number: 7 } },
      env: { GITHUB_EVENT_NAME: 'issue_comment' },
      measureMemory: true
    }
  )
}

const PLAIN =
  "::warning::Input 'message': the markdown filter's value is sent as plain text, not converted"

describe.skipIf(!hasTime)(`hostile text (peak memory by ${TIME})`, () => {
  it('65 kB of "*a_": sent as plain text with a warning, not resolved quadratically', async () => {
    const body = '*a_'.repeat(21_667)
    const result = ok(await comment(body))
    within(result)
    expect(result.stdout).toContain(`${PLAIN}: it has 43334 emphasis or link delimiters`)
    expect(result.stdout).toContain('in the paragraph from line 1')
    const sent = server().messages(ROOM).at(-1)?.body ?? ''
    expect(sent.startsWith('*a_*a_')).toBe(true)
    expect(sent.endsWith('…(truncated)')).toBe(true)
  })

  it('a 65 kB table with a wide header over many rows: plain text, not rows × columns cells', async () => {
    const columns = 8_000
    const body = `|${'a|'.repeat(columns)}\n|${'-|'.repeat(columns)}\n${'a\n'.repeat(16_000)}`
    const result = ok(await comment(body))
    within(result)
    expect(result.stdout).toMatch(/its tables have about \d+ cells with the table from line 1/)
  })

  it('65,000 nested ">": plain text, no stack overflow', async () => {
    const result = ok(await comment(`${'>'.repeat(65_000)} deep`))
    within(result)
    expect(result.stdout).toContain(`${PLAIN}: it nests quotes or lists about 65000 levels deep`)
    expect(result.stdout + result.stderr).not.toMatch(/stack size|RangeError/)
  })

  it('a few hundred bytes of nested YAML aliases in account-map fails at once, naming the line', async () => {
    const row = (name: string, from: string) =>
      `${name}: &${name} [${Array.from({ length: 9 }, () => `*${from}`).join(',')}]\n`
    let map = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
    for (const [name, from] of ['ba', 'cb', 'dc', 'ed', 'fe', 'gf', 'hg', 'ih']) {
      map += row(name ?? '', from ?? '')
    }
    expect(map.length).toBeLessThan(512)
    const result = await runAgainst(
      server(),
      { message: 'hi', 'account-map': map },
      { measureMemory: true }
    )
    within(result)
    expect(failure(result)).toContain(
      "Input 'account-map', line 1: an anchor ('&a') is not accepted; write each 'login: account id' out"
    )
    expect(server().requests).toHaveLength(0)
  })
})
