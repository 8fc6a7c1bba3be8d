// `npm run bundle`: dist/ from src/, the same bytes every time (.ci/run compares them).
// `--if-changed` (npm test, the suite scripts): nothing is done when dist/ is what the sources
// as they are now built here last (scripts/bundle-stamp.mjs).
// 1. ncc, into a new folder (so that two builds at once cannot mix their files in dist/, and
//    no chunk of an earlier build is left behind): minified ESM bundle, its licences file, and
//    module statistics.
// 2. Minify the lazily loaded chunks with terser: ncc's --minify covers index.js only, and the
//    chunks (LiquidJS, re2js, the Markdown parser...) are most of dist/.
// 3. Complete licenses.txt: ncc lists only some of the packages it bundles (it misses
//    liquidjs, and modules imported by path such as @actions/core's command modules), so the
//    licence of every package the statistics show in the bundle is added.
// 4. The new folder replaces dist/, and the stamp records what it was built from, unless a
//    source changed while it was built.
import { execFileSync } from 'node:child_process'
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import path from 'node:path'
import { minify } from 'terser'
import { CACHE, INPUTS, digest, forgetBuild, isCurrent, recordBuild } from './bundle-stamp.mjs'

if (process.argv.includes('--if-changed') && isCurrent('.')) {
  console.log('dist/ is current: nothing it is built from has changed since the last build.')
  process.exit(0)
}
const inputs = digest('.', INPUTS)

mkdirSync(CACHE, { recursive: true })
const work = mkdtempSync(path.join(CACHE, 'build-'))
// Gone however the build ends: a failed one leaves no half-built folder in the cache.
process.on('exit', () => rmSync(work, { recursive: true, force: true }))
const out = path.join(work, 'dist')
const statsFile = path.join(work, 'stats.json')
const ncc = path.join('node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js')
execFileSync(
  process.execPath,
  [
    ncc,
    'build',
    'src/index.ts',
    '-o',
    out,
    '--minify',
    '--license',
    'licenses.txt',
    '--stats-out',
    statsFile
  ],
  { stdio: 'inherit' }
)
for (const chunk of readdirSync(out).filter(f => /^\d+\.index\.js$/.test(f))) {
  const file = path.join(out, chunk)
  const { code } = await minify(readFileSync(file, 'utf8'), {
    module: true,
    compress: true,
    mangle: true,
    format: { comments: false }
  })
  writeFileSync(file, code)
}

const stats = JSON.parse(readFileSync(statsFile, 'utf8'))

const names = new Set()
/** The files of node_modules in the bundle, for the stamp: an edit there changes the bundle. */
const packageFiles = new Set()
const visit = modules => {
  for (const module of modules ?? []) {
    const file = /node_modules\/[^\s!?]+/.exec(module.name ?? '')?.[0]
    if (file) {
      packageFiles.add(file)
      names.add(/^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)[1])
    }
    visit(module.modules)
  }
}
visit(stats.modules)

const licensesFile = path.join(out, 'licenses.txt')
let text = readFileSync(licensesFile, 'utf8')
const listed = new Set(text.split('\n\n').map(entry => entry.split('\n')[0]))
const packageOf = name =>
  JSON.parse(readFileSync(path.join('node_modules', name, 'package.json'), 'utf8'))
const licenceFileOf = name =>
  readdirSync(path.join('node_modules', name)).find(f => /^licen[cs]e/i.test(f))
const repositoryOf = pkg => pkg.repository?.url ?? pkg.repository
/**
 * A package of a monorepo may ship no licence file (proxy-agent-negotiate, which
 * https-proxy-agent brings): the licence of a bundled package from the same repository is its
 * repository's licence.
 */
function licenceText(name) {
  const own = licenceFileOf(name)
  if (own) return readFileSync(path.join('node_modules', name, own), 'utf8').trim()
  const repository = repositoryOf(packageOf(name))
  const sibling = [...names].find(
    other =>
      other !== name &&
      repository &&
      repositoryOf(packageOf(other)) === repository &&
      packageOf(other).license === packageOf(name).license &&
      licenceFileOf(other)
  )
  if (!sibling) throw new Error(`no licence file in node_modules/${name}`)
  const file = path.join('node_modules', sibling, licenceFileOf(sibling))
  return `(the licence of its repository, ${repository}, as ${sibling} ships it)\n${readFileSync(file, 'utf8').trim()}`
}
for (const name of [...names].sort()) {
  if (listed.has(name)) continue
  text += `\n${name}\n${packageOf(name).license}\n${licenceText(name)}\n`
}
writeFileSync(licensesFile, text)
console.log(`dist/licenses.txt covers: ${[...names].sort().join(', ')}`)

// Another build may put its dist/ back between the two calls: then the later one wins.
for (let attempt = 1; ; attempt++) {
  rmSync('dist', { recursive: true, force: true })
  try {
    renameSync(out, 'dist')
    break
  } catch (error) {
    if (attempt === 3 || !['ENOTEMPTY', 'EEXIST'].includes(error.code)) throw error
  }
}
if (digest('.', INPUTS) === inputs) recordBuild('.', inputs, [...packageFiles].sort())
else {
  forgetBuild('.')
  console.log('A source changed while dist/ was built: the next npm test builds it again.')
}
