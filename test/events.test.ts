/**
 * The payloads in test/fixtures/events are recorded, not hand-written: each names its source in
 * a `$source` key, and is, but for that key, exactly the example it names in the installed
 * `@octokit/webhooks-examples` (a devDependency pinned to the version the files name).
 */
import { readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../tools/run-action.js'
import { recordedEvent } from './support/events.js'

interface Definition {
  name: string
  examples: object[]
}

const require = createRequire(import.meta.url)
const PACKAGE = '@octokit/webhooks-examples'
const installed = (require('@octokit/webhooks-examples/package.json') as { version: string })
  .version
const definitions = require('@octokit/webhooks-examples/api.github.com/index.json') as Definition[]
const SOURCE = /^(\S+) (\S+), api\.github\.com\/index\.json, (\w+) example (\d+)$/

const files = readdirSync(path.join(ROOT, 'test/fixtures/events'))
  .filter(file => file.endsWith('.json'))
  .map(file => file.slice(0, -'.json'.length))

describe('recorded event payloads', () => {
  it('are all here: one per event the tests and the default messages use', () => {
    expect(files.sort()).toEqual([
      'issue_comment.created',
      'pull_request.opened',
      'pull_request.review_requested',
      'push',
      'release.published',
      'workflow_dispatch',
      'workflow_run.completed'
    ])
  })

  it.each(files)('%s is the example its $source names, unchanged', file => {
    const { $source, ...payload } = recordedEvent(file) as { $source?: unknown }
    const [, pkg, version, event, position] = SOURCE.exec(String($source)) ?? []
    expect({ pkg, version, event }).toEqual({
      pkg: PACKAGE,
      version: installed,
      event: file.split('.')[0]
    })
    const examples = definitions.find(definition => definition.name === event)?.examples ?? []
    expect(payload).toStrictEqual(examples[Number(position) - 1])
    const action = file.split('.')[1]
    if (action) expect(payload).toMatchObject({ action })
  })
})
