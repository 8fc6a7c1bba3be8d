/**
 * The README and every page under docs/ must say what the code does: the generated tables are
 * current, the steps they show use inputs their mode reads, their YAML parses as workflows or
 * steps, their links lead somewhere, and the error texts they quote are texts the action prints.
 */
import { existsSync } from 'node:fs'
import { readFile, readdir } from 'node:fs/promises'
import path from 'node:path'
import { format, resolveConfig } from 'prettier'
import { describe, expect, it } from 'vitest'
import { load } from 'js-yaml'
import { Input, Output } from '../src/constants.js'
import { MODES } from '../src/inputs/modes.js'
import { defaultWordsMarkdown } from '../src/modes/ask/words.js'
import * as texts from '../src/texts.js'
import { ROOT, readActionYaml } from '../tools/run-action.js'
import { BEGIN, END, inputsByMode, modeInputs } from '../scripts/docs-tables.js'
import { ERROR_TEXT_CASES } from './support/error-texts.js'

const action = await readActionYaml()
const PAGES = [
  'README.md',
  ...(await readdir(path.join(ROOT, 'docs')))
    .filter(name => name.endsWith('.md'))
    .map(name => `docs/${name}`)
]
const pages = await Promise.all(
  PAGES.map(async name => ({ name, text: await readFile(path.join(ROOT, name), 'utf8') }))
)
const readme = pages[0]?.text ?? ''
const { common, byMode } = modeInputs()

/** The one name of the action in the docs: its home is not decided yet (README says so). */
const PLACEHOLDER = 'your-org/chatwork-action'

/** The text between two markers, trimmed. */
function between(text: string, begin: string, end: string): string | undefined {
  const start = text.indexOf(begin)
  const stop = text.indexOf(end)
  return start < 0 || stop < start ? undefined : text.slice(start + begin.length, stop).trim()
}

/** Markdown as Prettier writes it with the repository's settings. */
async function formatted(markdown: string): Promise<string> {
  const config = await resolveConfig(path.join(ROOT, 'README.md'))
  return (await format(markdown, { ...config, parser: 'markdown' })).trim()
}

describe('generated text (npm run docs)', () => {
  it('the README lists inputs and outputs by mode, as action.yml and src/inputs/modes.ts say', async () => {
    expect(between(readme, BEGIN, END)).toBe(await formatted(await inputsByMode()))
  })

  it("every page that lists ask's default words lists the code's", () => {
    const listing = pages.filter(page => page.text.includes('<!-- default-words -->'))
    expect(listing.map(page => page.name)).toEqual(['README.md', 'docs/approval-gate.md'])
    for (const page of listing) {
      expect(between(page.text, '<!-- default-words -->', '<!-- /default-words -->')).toBe(
        defaultWordsMarkdown()
      )
    }
  })

  it('every input and output is described under some mode, and each mode reads only declared inputs', () => {
    const read = new Set([...common, ...Object.values(byMode).flat()])
    expect([...read].sort()).toEqual(Object.keys(action.inputs).sort())
    expect(Object.keys(byMode).sort()).toEqual([...MODES].sort())
  })

  it('declares exactly the inputs and outputs the code reads and writes', () => {
    expect(Object.keys(action.inputs).sort()).toEqual(Object.values(Input).sort())
    expect(Object.keys(action.outputs).sort()).toEqual(Object.values(Output).sort())
  })

  it('runs dist/index.js on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
  })
})

interface Step {
  uses?: string
  run?: string
  with?: Record<string, unknown>
}

/** Each page's YAML blocks: workflows, lists of steps, or other YAML (an account map). */
const blocks = pages.flatMap(page =>
  [...page.text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match, index) => ({
    where: `${page.name} YAML block ${index + 1}`,
    source: match[1] ?? ''
  }))
)

/** The steps of a workflow or a list of steps; none for other YAML. */
function stepsOf(value: unknown): Step[] {
  if (Array.isArray(value)) return value as Step[]
  const jobs = (value as { jobs?: Record<string, { steps?: Step[] }> } | null)?.jobs
  return Object.values(jobs ?? {}).flatMap(job => job.steps ?? [])
}

/** The block's value, or the parse error (its own test names it). */
function parsed(source: string): unknown {
  try {
    return load(source) as unknown
  } catch (error) {
    return error
  }
}

describe.each(blocks)('$where', ({ source }) => {
  const value = parsed(source)
  const steps = value instanceof Error ? [] : stepsOf(value)

  it('is a workflow with triggers and jobs, a list of steps, or a mapping', () => {
    expect(value).not.toBeInstanceOf(Error)
    if (Array.isArray(value)) {
      expect(steps.length).toBeGreaterThan(0)
    } else {
      expect(typeof value).toBe('object')
      if (/^jobs:/m.test(source)) expect(Object.keys(value as object)).toContain('on')
    }
    for (const step of steps) {
      // A step runs a command or uses an action, never both.
      expect(
        [step.uses, step.run].filter(s => s !== undefined),
        JSON.stringify(step)
      ).toHaveLength(1)
    }
  })

  it('gives this action only inputs its mode reads, as strings, under the one placeholder', () => {
    for (const step of steps.filter(s => s.uses?.includes('chatwork-action'))) {
      expect(step.uses).toBe(`${PLACEHOLDER}@v1`)
      const inputs = step.with ?? {}
      const mode = String(inputs.mode ?? 'send')
      expect(MODES as readonly string[]).toContain(mode)
      const reads = [...common, ...(byMode[mode as keyof typeof byMode] ?? [])]
      for (const [name, given] of Object.entries(inputs)) {
        expect(reads, `input ${name} in mode ${mode}`).toContain(name)
        // GitHub passes every input as text; quoting 'true' and '10' keeps that visible.
        expect(typeof given, `input ${name}`).toBe('string')
      }
    }
  })
})

describe('pages', () => {
  it('show the action in steps: more than ten of them', () => {
    const ours = blocks
      .flatMap(block => stepsOf(parsed(block.source)))
      .filter(step => step.uses?.startsWith(PLACEHOLDER))
    expect(ours.length).toBeGreaterThan(10)
  })

  it('the README says once, right after its first step, that the name is a placeholder', () => {
    const explained = pages.flatMap(page =>
      [...page.text.matchAll(/`your-org\/chatwork-action` is a placeholder/g)].map(() => page.name)
    )
    expect(explained).toEqual(['README.md'])
    const firstStep = readme.indexOf(`uses: ${PLACEHOLDER}@v1`)
    const firstFence = readme.indexOf('```', readme.indexOf('```', firstStep) + 3)
    expect(readme.indexOf('is a placeholder')).toBeLessThan(firstFence)
  })

  it.each(pages)('$name names the action only by the placeholder, with no badge', ({ text }) => {
    for (const [name] of text.matchAll(/[\w.-]+\/chatwork-action\b/g))
      expect(name).toBe(PLACEHOLDER)
    expect(text).not.toMatch(/!\[[^\]]*\]\([^)]*your-org/)
  })

  it.each(pages)('$name links only to files and headings that exist', ({ name, text }) => {
    const prose = text.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '')
    for (const [, target = ''] of prose.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target)) continue
      const [file = '', anchor] = target.split('#')
      const linked = file === '' ? name : path.normalize(path.join(path.dirname(name), file))
      expect(existsSync(path.join(ROOT, linked)), `${name} links to ${linked}`).toBe(true)
      if (anchor === undefined || !linked.endsWith('.md')) continue
      const page = pages.find(p => p.name === linked)?.text ?? ''
      expect(headings(page), `${name} links to ${linked}#${anchor}`).toContain(anchor)
    }
  })
})

/** GitHub's anchors for a page's headings: lower case, punctuation dropped, spaces to '-'. */
function headings(page: string): string[] {
  return [...page.matchAll(/^#{1,6} (.+)$/gm)].map(([, title = '']) =>
    title
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/ /g, '-')
  )
}

describe('the errors table', () => {
  const section = readme.split('\n## Errors and what to do\n')[1]?.split('\n## ')[0] ?? ''
  const quoted = section
    .split('\n')
    .filter(line => line.startsWith('| `'))
    .flatMap(line => [...(line.split(' | ')[0] ?? '').matchAll(/`([^`]+)`/g)].map(m => m[1] ?? ''))

  /** A quote as a pattern: its literal parts in order, `…` standing for anything between. */
  const pattern = (quote: string) =>
    new RegExp(
      quote
        .split('…')
        .map(part => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^]*?')
    )

  /**
   * Each text of src/texts.ts with its varying parts as NUL: a quote's literal parts must be the
   * text's own words (a NUL matches no quote), so a changed word in texts.ts fails the quote.
   */
  const VARIES = '\0'
  const written = Object.entries(texts).map(([name, text]) => ({
    name,
    text:
      typeof text === 'function'
        ? (text as (...values: string[]) => string)(
            ...Array.from({ length: text.length }, () => VARIES)
          )
        : text
  }))
  const textsOf = (quote: string) =>
    written.filter(({ text }) => pattern(quote).test(text)).map(({ name }) => name)

  it('quotes a dozen texts', () => {
    expect(quoted.length).toBeGreaterThan(12)
  })

  it.each(quoted)('%s: src/texts.ts writes it, and an e2e case makes the step print it', quote => {
    const names = textsOf(quote)
    expect(names, `no text of src/texts.ts reads "${quote}"`).not.toEqual([])
    for (const name of names) {
      expect(Object.keys(ERROR_TEXT_CASES), `test/support/error-texts.ts`).toContain(name)
    }
  })

  it('each case of test/error-texts.e2e.test.ts is a text the docs quote', () => {
    const quotedNames = new Set(quoted.flatMap(textsOf))
    expect(Object.keys(ERROR_TEXT_CASES).sort()).toEqual([...quotedNames].sort())
  })
})
