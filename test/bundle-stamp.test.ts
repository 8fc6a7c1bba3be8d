/**
 * `node scripts/bundle.mjs --if-changed` (npm test's pretest) skips the build only when neither what
 * the bundle is built from nor dist/ changed since the last build: scripts/bundle-stamp.mjs, on
 * a checkout made up in a temporary directory.
 */
import { rmSync, utimesSync } from 'node:fs'
import path from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import {
  INPUTS,
  OUTPUTS,
  digest,
  forgetBuild,
  isCurrent,
  recordBuild
} from '../scripts/bundle-stamp.mjs'
import { useScratchDir } from './support/scratch.js'

const { root, write } = useScratchDir('bundle-stamp-')
/** A build: dist/ written from the sources, then the stamp with the digest taken before it. */
const build = () => {
  const inputs = digest(root(), INPUTS)
  write('dist/index.js', 'bundle')
  recordBuild(root(), inputs, ['node_modules/ms/index.js'])
}

beforeEach(() => {
  write('src/index.ts', 'main()')
  write('src/modes/send.ts', 'send()')
  for (const file of INPUTS.filter(entry => entry !== 'src')) write(file, `{"${file}": 1}`)
  write('node_modules/ms/index.js', 'module.exports = ms')
})

describe('the bundle stamp', () => {
  it('builds when there is no stamp, and not again when nothing changed', () => {
    expect(isCurrent(root())).toBe(false)
    build()
    expect(isCurrent(root())).toBe(true)
    // A file's time alone (a checkout, `touch`) is no change.
    utimesSync(path.join(root(), 'src/index.ts'), new Date(0), new Date(0))
    expect(isCurrent(root())).toBe(true)
  })

  it.each([
    ['a source edited', () => write('src/modes/send.ts', 'send(1)')],
    ['a source added', () => write('src/modes/ask.ts', 'ask()')],
    [
      'a source moved',
      () => {
        rmSync(path.join(root(), 'src/modes/send.ts'))
        write('src/send.ts', 'send()')
      }
    ],
    ['a package installed', () => write('node_modules/.package-lock.json', '{"other": 2}')],
    ['a bundled package edited in node_modules', () => write('node_modules/ms/index.js', '1')],
    ['the compiler settings', () => write('tsconfig.json', '{"strict": false}')],
    ['the build script', () => write('scripts/bundle.mjs', 'other')],
    ['dist/ edited', () => write('dist/index.js', 'by hand')],
    ['dist/ deleted', () => rmSync(path.join(root(), 'dist'), { recursive: true })]
  ])('builds again after %s', (_, change) => {
    build()
    change()
    expect(isCurrent(root())).toBe(false)
  })

  it('builds again when a source was saved while the last build ran', () => {
    const inputs = digest(root(), INPUTS)
    write('src/index.ts', 'main(saved during the build)')
    write('dist/index.js', 'bundle')
    recordBuild(root(), inputs, [])
    expect(isCurrent(root())).toBe(false)
  })

  it('forgets the build when asked to (a source changed while it ran)', () => {
    build()
    forgetBuild(root())
    expect(isCurrent(root())).toBe(false)
  })

  it('covers the sources and the bundle', () => {
    expect(INPUTS).toContain('src')
    expect(INPUTS).toContain('package-lock.json')
    expect(OUTPUTS).toEqual(['dist'])
  })
})
