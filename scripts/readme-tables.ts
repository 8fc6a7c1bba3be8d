/**
 * `npm run docs`: rewrites the README's inputs and outputs tables from action.yml, so the two
 * say the same (test/docs.test.ts fails when they drift). Run `npm run format` afterwards.
 */
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { ROOT, readActionYaml } from '../tools/run-action.js'
import { defaultWordsMarkdown } from '../src/modes/gate/words.js'

/** Inputs required by some modes only; action.yml can only say required: false. */
const REQUIRED_FOR: Record<string, string> = {
  message: 'for `update`, `task`, `ask`',
  to: 'for `task`',
  'message-id': 'for `update`, `delete`',
  'room-id': 'for all modes but `api`',
  'api-method': 'for `api`',
  'api-path': 'for `api`'
}

/** Input names, modes and values in single quotes become code spans. */
function markdown(text: string): string {
  return text.replace(/'([^' ]+)'/g, (quoted, word: string) =>
    /^[a-z#!][\w#!:./-]*$/.test(word) ? `\`${word}\`` : quoted
  )
}

const action = await readActionYaml()
const inputs = [
  '| input | required | default | description |',
  '| --- | --- | --- | --- |',
  ...Object.entries(action.inputs).map(([name, spec]) => {
    const required = spec.required ? 'yes' : (REQUIRED_FOR[name] ?? 'no')
    const value = spec.default === undefined ? '' : `\`${spec.default}\``
    return `| \`${name}\` | ${required} | ${value} | ${markdown(spec.description)} |`
  })
].join('\n')
const outputs = [
  '| output | description |',
  '| --- | --- |',
  ...Object.entries(action.outputs).map(
    ([name, spec]) => `| \`${name}\` | ${markdown(spec.description)} |`
  )
].join('\n')

const file = path.join(ROOT, 'README.md')
const readme = await readFile(file, 'utf8')
const updated = readme
  .replace(/^\| input +\|[\s\S]*?\n\n/m, `${inputs}\n\n`)
  .replace(/^\| output +\|[\s\S]*?\n\n/m, `${outputs}\n\n`)
  // ask's default words, from the one constant the code uses.
  .replace(
    /<!-- default-words -->[\s\S]*?<!-- \/default-words -->/,
    `<!-- default-words -->\n\n${defaultWordsMarkdown()}\n\n<!-- /default-words -->`
  )
await writeFile(file, updated)
console.log(
  updated === readme
    ? 'README tables already match action.yml'
    : 'README tables rewritten from action.yml'
)
