/**
 * The shape of the code a newcomer reads: no file in src/, tools/ or scripts/ over 250 lines,
 * no name that two of their files declare and export for different things, and no measured
 * figure in a comment (figures go stale: they live in docs/performance.md).
 */
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT, readActionYaml } from '../tools/run-action.js'

const MAX_LINES = 250
const FOLDERS = ['src', 'tools', 'scripts']

/** Every file below the folders, as a path from the repository's root with `/`. */
async function files(): Promise<string[]> {
  const found: string[] = []
  for (const folder of FOLDERS) {
    const entries = await readdir(path.join(ROOT, folder), { recursive: true, withFileTypes: true })
    for (const entry of entries) {
      if (!entry.isFile()) continue
      const absolute = path.join(entry.parentPath, entry.name)
      found.push(path.relative(ROOT, absolute).split(path.sep).join('/'))
    }
  }
  return found.sort()
}

/** Lines as `wc -l` counts them, plus a last line without a line break. */
function lineCount(text: string): number {
  const breaks = text.split('\n').length - 1
  return text.endsWith('\n') || text === '' ? breaks : breaks + 1
}

const texts = await Promise.all(
  (await files()).map(async file => ({ file, text: await readFile(path.join(ROOT, file), 'utf8') }))
)
const counted = texts.map(({ file, text }) => ({ file, lines: lineCount(text) }))

/** The names a file declares and exports (a re-export, `export { x } from`, is the same thing). */
function declaredExports(text: string): string[] {
  const declaration =
    /^export (?:declare )?(?:default )?(?:async )?(?:function\*?|const|let|class|interface|type|enum) ([A-Za-z_$][\w$]*)/gm
  return [...text.matchAll(declaration)].map(m => m[1] ?? '')
}

describe('file sizes', () => {
  it(`no file in ${FOLDERS.join(', ')} is over ${MAX_LINES} lines`, () => {
    expect(counted.length).toBeGreaterThan(100)
    const over = counted.filter(c => c.lines > MAX_LINES)
    expect(over).toEqual([])
  })
})

describe('names', () => {
  it(`no two files in ${FOLDERS.join(', ')} declare and export the same name`, () => {
    const owners = new Map<string, string[]>()
    for (const { file, text } of texts.filter(t => !/\.d\.m?ts$/.test(t.file))) {
      for (const name of declaredExports(text))
        owners.set(name, [...(owners.get(name) ?? []), file])
    }
    expect(owners.size).toBeGreaterThan(300)
    expect([...owners].filter(([, where]) => where.length > 1)).toEqual([])
  })
})

/**
 * A comment line that reports a measurement: a quantity with a unit of time, size or ratio next
 * to a word of measuring ("about 45 ms", "took 0.3 s", "cost 1.75×"). Limits the code enforces
 * ("1 MB per job", "5 MB") and values it sets ("150 ms of latency") carry no such word.
 */
const MEASURED =
  /\b(?:about|measured|took|takes|cost|costs|ran|saves?)\b[^\n]{0,16}?\d+(?:\.\d+)?\s?(?:ms|s|kB|MB|×|%)(?![\w])/i
const COMMENT = /^\s*(?:\/\/|\/?\*)/
/** A file of code: the rules on lines read these. */
const CODE = /\.[cm]?[jt]s$/

/** Each line of the files, with where it is (`file:line`). */
function linesOf(files: { file: string; text: string }[]) {
  return files.flatMap(({ file, text }) =>
    text.split('\n').map((line, index) => ({ file, where: `${file}:${index + 1}`, line }))
  )
}

describe('comments', () => {
  it('keep the reason and leave measured figures to docs/performance.md', async () => {
    const configs = (await readdir(ROOT)).filter(file => /\.config\.[cm]?[jt]s$/.test(file))
    const rootTexts = await Promise.all(
      configs.map(async file => ({ file, text: await readFile(path.join(ROOT, file), 'utf8') }))
    )
    expect(configs).toContain('vitest.config.ts')
    const code = [...texts, ...rootTexts].filter(({ file }) => CODE.test(file))
    const found = linesOf(code)
      .filter(({ line }) => COMMENT.test(line) && MEASURED.test(line))
      .map(({ where, line }) => ({ where, line }))
    expect(found).toEqual([])
  })

  it('the rule sees a measured figure, and not a limit or a setting', () => {
    const flagged = (line: string) => COMMENT.test(line) && MEASURED.test(line)
    expect(flagged(' * evaluating it cost about 45 ms at every start')).toBe(true)
    expect(flagged('// npm process, took 0.3 s before the tests start')).toBe(true)
    expect(flagged(' * GitHub: "Outputs can be a maximum of 1 MB per job."')).toBe(false)
    expect(flagged('/** Round trips under a transatlantic 150 ms, printed. */')).toBe(false)
    expect(flagged(' * ran for more than 30 s on 33 characters')).toBe(true)
    expect(flagged(' * what it costs, in process: a typical message and a 64 kB one')).toBe(false)
    expect(flagged('const wait = 45 // about 45 ms')).toBe(false)
  })
})

describe('input names', () => {
  it('are written once: src/ names an input of two or more words only through Input', async () => {
    const names = Object.keys((await readActionYaml()).inputs).filter(name => name.includes('-'))
    expect(names.length).toBeGreaterThan(20)
    const quoted = new RegExp(`'(?:${names.join('|')})'`)
    const generated = ['src/inputs/action-inputs.ts', 'src/modes/action-outputs.ts']
    const sources = texts.filter(({ file }) => file.startsWith('src/') && !generated.includes(file))
    const found = linesOf(sources)
      .filter(({ line }) => !COMMENT.test(line) && quoted.test(line))
      .map(({ where, line }) => ({ where, line }))
    expect(found).toEqual([])
  })
})

describe('file names in comments', () => {
  it('name files that exist: a comment points a reader at a real file', async () => {
    const listed = await Promise.all(
      ['src', 'tools', 'scripts', 'test', 'docs', '.github', '.ci'].map(async folder =>
        (await readdir(path.join(ROOT, folder), { recursive: true })).map(f => `${folder}/${f}`)
      )
    )
    const all = new Set(
      [...(await readdir(ROOT)), ...listed.flat()].map(f => f.split(path.sep).join('/'))
    )
    const names = new Set([...all].map(file => path.posix.basename(file)))
    // A file of another repository ("actions/checkout, src/git-auth-helper.ts") is not ours.
    const elsewhere = /\b[\w-]+\/[\w.-]+(?: \([^)]*\))?, /
    const reference = /(?<![\w./-])((?:[\w.-]+\/)*[\w-]+\.(?:ts|mjs|cjs|md|yml))\b/g
    const comments = linesOf(texts.filter(({ file }) => CODE.test(file))).filter(
      ({ line }) => COMMENT.test(line) && !elsewhere.test(line)
    )
    const missing = comments.flatMap(({ file, where, line }) =>
      [...line.matchAll(reference)]
        .map(m => m[1] ?? '')
        .filter(ref => {
          const here = path.posix.join(path.posix.dirname(file), ref)
          if (all.has(ref) || all.has(here) || ref.startsWith('owner/')) return false
          if (ref.includes('/')) return ![...all].some(f => f.endsWith(`/${ref}`))
          return !names.has(ref)
        })
        .map(ref => `${where}: ${ref}`)
    )
    expect(missing).toEqual([])
  })
})
