/**
 * The shape of the code a newcomer reads: no file in src/, tools/ or scripts/ over 250 lines,
 * and no name that two files of src/ declare and export for different things.
 */
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../tools/run-action.js'

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
  it('no two files in src/ declare and export the same name', () => {
    const owners = new Map<string, string[]>()
    for (const { file, text } of texts.filter(t => t.file.startsWith('src/'))) {
      for (const name of declaredExports(text))
        owners.set(name, [...(owners.get(name) ?? []), file])
    }
    expect(owners.size).toBeGreaterThan(200)
    expect([...owners].filter(([, where]) => where.length > 1)).toEqual([])
  })
})
