/**
 * test/support/table.ts: a table's first row runs in `npm test`, the others carry the `table`
 * tag, which `npm test` leaves out and the tables step of `.ci/run` runs.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it, TestRunner } from 'vitest'
import { ROOT } from '../tools/run-action.js'
import { TABLE_TAG, table } from './support/table.js'

/** The rows that ran, with their arguments, in the order they ran (any, when shuffled). */
const seen = new Map<string, unknown[]>()

describe('table()', () => {
  const suite = TestRunner.getCurrentSuite()
  table([
    ['first', 1],
    ['second', 2],
    ['third', 3]
  ])('row %s', (name, n) => void seen.set(`row ${name}`, [name, n]))
  table([{ word: 'one' }, { word: 'two' }])('object row $word', { timeout: 1_000 }, ({ word }) => {
    seen.set(`object row '${word}'`, [word])
  })
  table([['late']])('timed row %s', name => void seen.set(`timed row ${name}`, [name]), 1_234)
  table([])('no row', () => void seen.set('no row', []))

  it('registers each row as it.each would, the first untagged and the others tagged', () => {
    // Every test of this suite but the two that check: the rows table() registered.
    const rows = suite.tasks.flatMap(t =>
      t.type === 'test' && !/^(registers|refuses) /.test(t.name) ? [t] : []
    )
    expect(rows.map(t => [t.name, [...(t.tags ?? [])]])).toEqual([
      ['row first', []],
      ['row second', [TABLE_TAG]],
      ['row third', [TABLE_TAG]],
      ["object row 'one'", []],
      ["object row 'two'", [TABLE_TAG]],
      ['timed row late', []]
    ])
    // The rows without a timeout of their own get the run's, as the other tests do.
    const timeout = suite.tasks.find(t => t.name.startsWith('registers'))
    const run = timeout?.type === 'test' ? timeout.timeout : undefined
    expect(rows.map(t => t.type === 'test' && t.timeout)).toEqual([
      run,
      run,
      run,
      1_000,
      1_000,
      1_234
    ])
  })

  it('refuses names that count rows, and the template-literal form', () => {
    expect(() => table([1])('row %#', () => undefined)).toThrow(/counts rows/)
    expect(() => table([1])('row $index', () => undefined)).toThrow(/counts rows/)
    const tagged = table as unknown as (s: TemplateStringsArray, ...v: unknown[]) => unknown
    expect(() => tagged`a | b ${1} | ${2}`).toThrow(/array of rows/)
  })

  // Each row that ran (all of them, or those a tags filter let through) got its arguments.
  afterAll(() => {
    const args: Record<string, unknown[]> = {
      'row first': ['first', 1],
      'row second': ['second', 2],
      'row third': ['third', 3],
      "object row 'one'": ['one'],
      "object row 'two'": ['two'],
      'timed row late': ['late']
    }
    const ran = suite.tasks.filter(
      t => t.type === 'test' && t.result?.state === 'pass' && t.name in args
    )
    expect(ran.length).toBeGreaterThan(0)
    expect(Object.fromEntries(seen)).toEqual(
      Object.fromEntries(ran.map(t => [t.name, args[t.name]]))
    )
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
