/** The README must say what action.yml says: its tables, and the inputs its workflows use. */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { Input, Output } from '../src/constants.js'
import { parse } from 'yaml'
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

describe('README workflows', () => {
  const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map(m => m[1] ?? '')
  // Whole workflows; snippets (two `message:` lines to compare) are not.
  const workflows = blocks.filter(block => /^jobs:/m.test(block))
  const steps = workflows.flatMap(block => {
    const workflow = parse(block) as { jobs?: Record<string, { steps?: Step[] }> } | null
    return Object.values(workflow?.jobs ?? {}).flatMap(job => job.steps ?? [])
  })
  const ours = steps.filter(step => step.uses?.startsWith('your-org/chatwork-action@'))

  it('use only inputs that action.yml declares, and valid modes', () => {
    expect(ours.length).toBeGreaterThan(10)
    for (const step of ours) {
      for (const name of Object.keys(step.with ?? {})) {
        expect(Object.keys(action.inputs), `README step input ${name}`).toContain(name)
      }
      const mode = step.with?.mode ?? 'send'
      expect(['send', 'task', 'fetch', 'update', 'delete', 'task-done', 'api', 'ask']).toContain(
        mode
      )
    }
  })
})

interface Step {
  uses?: string
  with?: Record<string, string>
}
