/**
 * Each mode's declaration of its inputs (src/inputs/modes.ts) is what it reads: every
 * declared input is read on some path of the mode, and no other input is. The reader is
 * recorded at its one door, src/inputs/source.ts (the first test keeps it the only door).
 * The readers are imported after `vi.resetModules()`, so that they get the recording door even
 * where another test file loaded the real one first (`vitest --no-isolate`).
 */
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Mode } from '../src/inputs/modes.js'
import { ROOT } from '../tools/run-action.js'
import { setInputs } from './support/inputs.js'

const reads = vi.hoisted(() => new Set<string>())
vi.mock('../src/inputs/source.js', async importOriginal => {
  const source = await importOriginal<typeof import('../src/inputs/source.js')>()
  return {
    ...source,
    input: (...args: Parameters<typeof source.input>) => {
      reads.add(args[0])
      return source.input(...args)
    },
    read: (name: Parameters<typeof source.read>[0]) => {
      reads.add(name)
      return source.read(name)
    }
  }
})

vi.resetModules()
const { getSettings } = await import('../src/inputs/read.js')
const { declaredInputs, MODES, requiredInputs } = await import('../src/inputs/modes.js')

const base = { token: 'abc123', 'room-id': '335028121' }
/** Runs of each mode that together reach every input it reads (each run may fail later). */
const RUNS: Record<Mode, Record<string, string>[]> = {
  send: [{ ...base, message: 'hi' }],
  update: [{ ...base, mode: 'update', 'message-id': '1', message: 'hi' }],
  task: [{ ...base, mode: 'task', message: 'hi', to: '1' }],
  delete: [{ ...base, mode: 'delete', 'message-id': '1' }],
  'task-done': [{ ...base, mode: 'task-done', 'task-ids': '1' }],
  fetch: [{ ...base, mode: 'fetch' }],
  api: [{ token: 'abc123', mode: 'api', 'api-method': 'GET', 'api-path': '/me' }],
  ask: [{ ...base, mode: 'ask', message: 'hi' }]
}

/** The inputs one run of getSettings read. */
async function recordReads(inputs: Record<string, string>): Promise<Set<string>> {
  setInputs(inputs)
  reads.clear()
  await getSettings().catch(() => undefined)
  return new Set(reads)
}

beforeEach(() => {
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
})
afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllEnvs()
})

describe('the inputs each mode declares', () => {
  it('are read through src/inputs/source.ts alone', async () => {
    const files = (await readdir(path.join(ROOT, 'src'), { recursive: true })).filter(f =>
      f.endsWith('.ts')
    )
    const callers: string[] = []
    for (const file of files) {
      const text = await readFile(path.join(ROOT, 'src', file), 'utf8')
      if (/\bgetInput\s*\(/.test(text)) callers.push(file.split(path.sep).join('/'))
    }
    expect(callers.sort()).toEqual(['inputs/source.ts', 'runner.ts'])
  })

  it.each(MODES)('%s reads every input it declares, and no other', async mode => {
    const declared = new Set<string>(declaredInputs(mode))
    const read = new Set<string>()
    for (const inputs of RUNS[mode]) {
      const run = await recordReads(inputs)
      expect(
        [...run].filter(name => !declared.has(name)),
        'read but not declared'
      ).toEqual([])
      for (const name of run) read.add(name)
    }
    expect(
      [...declared].filter(name => !read.has(name)),
      'declared but not read'
    ).toEqual([])
  })
})

describe('the inputs each mode requires', () => {
  /** The error getSettings gives, or undefined when it reads the inputs. */
  async function refusal(inputs: Record<string, string>): Promise<string | undefined> {
    setInputs(inputs)
    return getSettings().then(
      () => undefined,
      (error: unknown) => (error instanceof Error ? error.message : String(error))
    )
  }

  it.each(MODES)('%s refuses to run without each input it declares required', async mode => {
    const [run = {}] = RUNS[mode]
    const needs = requiredInputs(mode)
    if (mode === 'send' || mode === 'fetch') expect(needs).toEqual(['room-id'])
    for (const need of needs) {
      const names: readonly string[] = typeof need === 'string' ? [need] : need
      const without = Object.fromEntries(Object.entries(run).filter(([k]) => !names.includes(k)))
      // The run gives each requirement (or one of a group); without it, the reader names it.
      expect(Object.keys(without).length, `${mode}'s run gives ${names.join(' or ')}`).toBeLessThan(
        Object.keys(run).length
      )
      const message = await refusal(without)
      expect(message, `${mode} without ${names.join(' or ')}`).toMatch(
        new RegExp(`Input '${names[0]}'.*required|'${names[0]}'.*'${names[1] ?? names[0]}'`)
      )
    }
  })
})
