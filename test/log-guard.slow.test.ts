/**
 * The lint rule that keeps src/log.ts the one way out to the log: it fires on every way
 * around it (the fixture test/fixtures/log-guard/writes.ts), and src/ as it is passes it.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { ESLint } from 'eslint'
import { beforeAll, describe, expect, it } from 'vitest'
import { CACHE } from '../scripts/bundle-stamp.mjs'
import { ROOT } from '../tools/run-action.js'

const FIXTURE = 'test/fixtures/log-guard/writes.ts'
const GUARD_RULES = new Set([
  'no-restricted-properties',
  'no-restricted-globals',
  'no-restricted-syntax',
  'no-restricted-imports'
])

let reported: { file: string; line: number }[] = []
beforeAll(async () => {
  // ignore: false, because the fixture is left out of `npm run lint` on purpose. Only the guard
  // rules run, and without type information (they need none): building the TypeScript program
  // for type-aware rules took most of this file's time, and `npm run lint` runs those.
  // ESLint's cache keeps each file's findings by its content and its configuration, so a run
  // after a change parses only what changed. The rule filter is not in that key: the cache
  // file is named for the rules it filters to.
  const eslint = new ESLint({
    cwd: ROOT,
    ignore: false,
    cache: true,
    cacheStrategy: 'content',
    cacheLocation: path.join(ROOT, CACHE, `log-guard-${[...GUARD_RULES].sort().join('+')}.json`),
    ruleFilter: ({ ruleId }) => GUARD_RULES.has(ruleId),
    overrideConfig: { languageOptions: { parserOptions: { projectService: false } } }
  })
  const results = await eslint.lintFiles([path.join(ROOT, FIXTURE), path.join(ROOT, 'src')])
  reported = results.flatMap(result =>
    result.messages
      .filter(m => m.ruleId !== null && GUARD_RULES.has(m.ruleId))
      .map(m => ({ file: path.relative(ROOT, result.filePath), line: m.line }))
  )
}, 120_000)

describe('the log-guard lint rule', () => {
  it('fires on every write around src/log.ts', async () => {
    const marked = (await readFile(path.join(ROOT, FIXTURE), 'utf8'))
      .split('\n')
      .flatMap((line, index) => (/\/\/ refused/.test(line) ? [index + 1] : []))
    expect(marked.length).toBeGreaterThanOrEqual(8)
    const lines = new Set(reported.filter(m => m.file === FIXTURE).map(m => m.line))
    expect([...lines].sort((a, b) => a - b)).toEqual(marked)
  })

  it('passes src/ as it is, where only src/log.ts writes', () => {
    expect(reported.filter(m => m.file !== FIXTURE)).toEqual([])
  })
})
