/**
 * test/support/table.ts: a table's first row runs in `npm test`, the others carry the `table`
 * tag, which `npm test` leaves out and the tables step of `.ci/run` runs.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { getCurrentTest } from 'vitest/suite'
import { ROOT } from '../tools/run-action.js'
import { TABLE_TAG, table } from './support/table.js'

const seen: { row: unknown[]; tags: readonly string[] | undefined }[] = []

describe('table()', () => {
  // Tests that record their row and their tags; the last test reads what they recorded.
  table([
    ['first', 1],
    ['second', 2],
    ['third', 3]
  ])('row %s', (name, n) => {
    seen.push({ row: [name, n], tags: getCurrentTest()?.tags })
  })
  table([{ word: 'one' }, { word: 'two' }])('object row $word', { timeout: 1_000 }, ({ word }) => {
    seen.push({ row: [word], tags: getCurrentTest()?.tags })
  })

  it('registers each row as it.each would, the first untagged and the others tagged', () => {
    const self = getCurrentTest()
    const rows = (self?.suite?.tasks ?? []).filter(t => t !== self)
    expect(rows.map(t => [t.name, [...(t.tags ?? [])]])).toEqual([
      ['row first', []],
      ['row second', [TABLE_TAG]],
      ['row third', [TABLE_TAG]],
      ["object row 'one'", []],
      ["object row 'two'", [TABLE_TAG]]
    ])
    // The rows without a timeout of their own get the run's, as this test does.
    const timeout = self?.timeout
    expect(rows.map(t => t.type === 'test' && t.timeout)).toEqual([
      timeout,
      timeout,
      timeout,
      1_000,
      1_000
    ])
    // Each row that ran (all of them, or those the tags filter let through) got its arguments.
    const args: Record<string, unknown[]> = {
      'row first': ['first', 1],
      'row second': ['second', 2],
      'row third': ['third', 3],
      "object row 'one'": ['one'],
      "object row 'two'": ['two']
    }
    const ran = rows.filter(t => t.mode === 'run').map(t => args[t.name])
    expect(ran.length).toBeGreaterThan(0)
    expect(seen.map(s => s.row)).toEqual(ran)
    expect(seen.every(s => s.tags !== undefined)).toBe(true)
  })
})

describe('where the tagged rows run', () => {
  const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8')
  const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts

  it("npm test leaves them out, npm run test:tables and .ci/run's tables step run them", () => {
    expect(scripts.test).toContain(`--tagsFilter='!${TABLE_TAG}'`)
    expect(scripts['test:tables']).toContain(`vitest run --project whole --tagsFilter=${TABLE_TAG}`)
    expect(read('.ci/run')).toContain(`npx vitest run --project whole --tagsFilter=${TABLE_TAG}`)
  })
})
