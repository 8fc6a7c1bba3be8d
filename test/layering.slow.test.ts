/**
 * The rules of .dependency-cruiser.cjs (`npm run lint` runs them on src/ and tools/) fire: a
 * fixture with an upward import, a type-only cycle and a leaf that imports a stage breaks each.
 */
import { createRequire } from 'node:module'
import path from 'node:path'
import { cruise, type ICruiseResult } from 'dependency-cruiser'
import { describe, expect, it } from 'vitest'
import { CACHE } from '../scripts/bundle-stamp.mjs'
import { ROOT } from '../tools/run-action.js'

const require = createRequire(import.meta.url)
/**
 * dependency-cruiser's cache, one per tree cruised: it serves a cruise again only when the files'
 * contents and the options, rules included, are what they were.
 */
const CACHE_ROOT = path.join(ROOT, CACHE, 'layering')
const config = require('../.dependency-cruiser.cjs') as {
  forbidden: object[]
  options: Record<string, unknown>
}

async function violations(baseDir: string, cacheName: string): Promise<string[]> {
  const { options } = config
  const { output } = await cruise(['src'], {
    ...options,
    baseDir,
    validate: true,
    ruleSet: { forbidden: config.forbidden },
    cache: { folder: path.join(CACHE_ROOT, cacheName), strategy: 'content' }
  } as never)
  const summary = (output as ICruiseResult).summary
  return summary.violations.map(v => `${v.rule.name}: ${v.from} → ${v.to}`).sort()
}

describe('the layering rules', () => {
  it('find the upward import, the cycle and the leaf that imports a stage', async () => {
    expect(
      await violations(path.resolve(import.meta.dirname, 'fixtures/layering'), 'fixture')
    ).toEqual([
      'chatwork-imports-downward: src/chatwork/client.ts → src/modes/send.ts',
      'leaves-import-leaves: src/format.ts → src/modes/send.ts',
      'no-circular: src/chatwork/client.ts → src/modes/send.ts'
    ])
  })

  it('find nothing in the action itself', async () => {
    expect(await violations(ROOT, 'action')).toEqual([])
  })
})
