/** The README's inputs and outputs tables must say what action.yml says. */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { Input, Output } from '../src/constants.js'
import { ROOT, readActionYaml } from '../tools/run-action.js'

const action = await readActionYaml()
const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8')

/** Rows of the first table under `## {heading}`, as arrays of cells. */
function table(heading: string): string[][] {
  const section = readme.split(`\n## ${heading}\n`)[1]?.split('\n## ')[0] ?? ''
  return section
    .split('\n')
    .filter(line => line.startsWith('|'))
    .slice(2)
    .map(line =>
      line
        .slice(1, -1)
        .split('|')
        .map(cell => cell.trim())
    )
}

/** Markdown code spans and YAML quotes differ only in notation. */
function plain(text: string | undefined): string {
  return (text ?? '').replace(/[`']/g, '').trim()
}

describe('README tables match action.yml', () => {
  it('lists every input with its required flag, default and description', () => {
    const rows = table('Inputs')
    expect(rows.map(r => plain(r[0]))).toEqual(Object.keys(action.inputs))
    for (const [name, required, defaultValue, description] of rows) {
      const spec = action.inputs[plain(name)]
      expect(required === 'yes', `${name} required`).toBe(spec?.required === true)
      expect(plain(defaultValue), `${name} default`).toBe(spec?.default ?? '')
      expect(plain(description), `${name} description`).toBe(plain(spec?.description))
    }
  })

  it('lists every output with its description', () => {
    const rows = table('Outputs')
    expect(rows.map(r => plain(r[0]))).toEqual(Object.keys(action.outputs))
    for (const [name, description] of rows) {
      expect(plain(description), `${name} description`).toBe(
        plain(action.outputs[plain(name)]?.description)
      )
    }
  })

  it('declares exactly the inputs and outputs the code reads and writes', () => {
    expect(Object.keys(action.inputs).sort()).toEqual(Object.values(Input).sort())
    expect(Object.keys(action.outputs).sort()).toEqual(Object.values(Output).sort())
  })

  it('runs dist/index.js on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
  })
})
