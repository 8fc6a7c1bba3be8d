/**
 * scripts/bundle.mjs as `npm run bundle` runs it, on a checkout made up in a temporary
 * directory (its packages linked from this one's): a build replaces dist/ whole and stamps it;
 * a failed one leaves dist/ as it was, no stamp and nothing in the cache. ncc takes seconds to
 * start, so this runs in `npm test`, not in the inner loop, and the failed build's ncc is a
 * script that fails halfway. The made-up checkout's tsconfig.json is this one's without global
 * types: its two-line source needs none, and ncc's type check of @types/node was half its time.
 */
import { spawnSync } from 'node:child_process'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync
} from 'node:fs'
import path from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { CACHE, STAMP, isCurrent } from '../scripts/bundle-stamp.mjs'
import { ROOT } from '../tools/run-action.js'
import { useScratchDir } from './support/scratch.js'

const { root, write } = useScratchDir('bundle-build-')
/** The build, without a coverage run's NODE_V8_COVERAGE: ncc is not src/, and its report is large. */
const bundle = () => {
  const env = { ...process.env }
  delete env.NODE_V8_COVERAGE
  return spawnSync(process.execPath, ['scripts/bundle.mjs'], { cwd: root(), env, encoding: 'utf8' })
}

beforeEach(() => {
  for (const file of ['scripts/bundle.mjs', 'scripts/bundle-stamp.mjs']) {
    mkdirSync(path.dirname(path.join(root(), file)), { recursive: true })
    copyFileSync(path.join(ROOT, file), path.join(root(), file))
  }
  const tsconfig = JSON.parse(readFileSync(path.join(ROOT, 'tsconfig.json'), 'utf8'))
  write(
    'tsconfig.json',
    JSON.stringify({ ...tsconfig, compilerOptions: { ...tsconfig.compilerOptions, types: [] } })
  )
  write('package.json', '{ "type": "module" }\n')
  for (const name of ['@types', '@vercel', 'ms', 'terser', 'typescript']) {
    mkdirSync(path.join(root(), 'node_modules'), { recursive: true })
    symlinkSync(path.join(ROOT, 'node_modules', name), path.join(root(), 'node_modules', name))
  }
  write('dist/index.js', 'the last good bundle\n')
  write('dist/1.index.js', 'a chunk of the last good bundle\n')
})

const cacheEntries = () =>
  existsSync(path.join(root(), CACHE)) ? readdirSync(path.join(root(), CACHE)) : []

describe('npm run bundle', () => {
  it('replaces dist/ whole, stamps it, and leaves only the stamp in the cache', () => {
    write('src/index.ts', "import ms from 'ms'\nexport const built = `built ${ms(1000)}`\n")
    const result = bundle()
    expect(result.status, result.stdout + result.stderr).toBe(0)
    expect(readdirSync(path.join(root(), 'dist')).sort()).toEqual([
      'index.js',
      'licenses.txt',
      'package.json'
    ])
    expect(readFileSync(path.join(root(), 'dist/index.js'), 'utf8')).toContain('built')
    expect(readFileSync(path.join(root(), 'dist/licenses.txt'), 'utf8')).toMatch(/^ms\nMIT\n/m)
    expect(cacheEntries()).toEqual([path.basename(STAMP)])
    expect(isCurrent(root())).toBe(true)
  })

  it('leaves dist/ as it was after a failed build, with no stamp and no half-built folder', () => {
    // In place of ncc (seconds to start): one that writes part of its output, then fails.
    rmSync(path.join(root(), 'node_modules/@vercel'))
    write(
      'node_modules/@vercel/ncc/dist/ncc/cli.js',
      `const fs = require('node:fs')
const out = process.argv[process.argv.indexOf('-o') + 1]
fs.mkdirSync(out, { recursive: true })
fs.writeFileSync(out + '/index.js', 'half a bundle')
console.error('ncc: a compile error')
process.exit(1)
`
    )
    write('src/index.ts', 'export const broken = (\n')
    const result = bundle()
    expect(result.status).not.toBe(0)
    expect(result.stderr).toContain('ncc: a compile error')
    expect(readFileSync(path.join(root(), 'dist/index.js'), 'utf8')).toBe('the last good bundle\n')
    expect(readdirSync(path.join(root(), 'dist')).sort()).toEqual(['1.index.js', 'index.js'])
    expect(cacheEntries()).toEqual([])
    expect(isCurrent(root())).toBe(false)
  })
})
