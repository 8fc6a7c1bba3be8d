/**
 * `npm run docs`: rewrites the README's inputs and outputs, grouped by mode (scripts/docs-tables.ts:
 * from action.yml and the modes' input declaration), and ask's default words, so the README says
 * what the code does (test/docs.slow.test.ts fails when they drift). package.json runs Prettier after it.
 */
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { ROOT } from '../tools/run-action.js'
import { defaultWordsMarkdown } from '../src/modes/ask/words.js'
import { BEGIN, END, inputsByMode } from './docs-tables.js'

/** `page` with the text between `begin` and `end` replaced by `text`. */
function region(page: string, file: string, [begin, end]: readonly string[], text: string) {
  const start = page.indexOf(begin ?? '')
  const stop = page.indexOf(end ?? '')
  if (start < 0 || stop < start) throw new Error(`${file} lacks ${begin} … ${end}`)
  return `${page.slice(0, start + (begin ?? '').length)}\n\n${text}\n\n${page.slice(stop)}`
}

const WORDS = ['<!-- default-words -->', '<!-- /default-words -->'] as const
// ask's default words, from the one constant the code uses, in both pages that list them.
const words = defaultWordsMarkdown()
const tables = await inputsByMode()
const pages: Record<string, (page: string, file: string) => string> = {
  'README.md': (page, file) => region(region(page, file, [BEGIN, END], tables), file, WORDS, words),
  'docs/approval-gate.md': (page, file) => region(page, file, WORDS, words)
}
for (const [name, rewrite] of Object.entries(pages)) {
  const file = path.join(ROOT, name)
  const page = await readFile(file, 'utf8')
  const updated = rewrite(page, name)
  await writeFile(file, updated)
  console.log(`${name}: written from the code`)
}
