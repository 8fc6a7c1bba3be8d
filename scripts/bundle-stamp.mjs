// Whether dist/ is what the sources build, without building it: `npm test` and the suites that
// run the bundle call `node scripts/bundle.mjs --if-changed` (not through `npm run`, a second
// npm process started before the tests can start), which skips ncc (the longest part of a warm
// `npm test`) when nothing the bundle was built from (the sources, the settings, the build
// script, the lockfiles, every file of node_modules that went into it) nor dist/ has changed
// since the last build in this checkout. The stamp lives in node_modules/.cache, so `npm ci`
// (and so every CI run, on a clean clone) always builds, and `.ci/run` still compares dist/
// with git.
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/**
 * What the bundle is built from: the sources, the compiler settings, this build's script, and
 * the installed packages (npm rewrites node_modules/.package-lock.json on every install).
 */
export const INPUTS = [
  'src',
  'tsconfig.json',
  'package.json',
  'package-lock.json',
  'node_modules/.package-lock.json',
  'scripts/bundle.mjs'
]
export const OUTPUTS = ['dist']
/**
 * This checkout's cache: the stamp, and the builds before they replace dist/ (on the same file
 * system, for a rename).
 */
export const CACHE = 'node_modules/.cache/chatwork-action'
export const STAMP = `${CACHE}/bundle-stamp.json`

function filesUnder(root, entry) {
  const full = path.join(root, entry)
  let stat
  try {
    stat = statSync(full)
  } catch {
    return [`${entry} (missing)`]
  }
  if (!stat.isDirectory()) return [entry]
  return readdirSync(full)
    .sort()
    .flatMap(name => filesUnder(root, path.posix.join(entry, name)))
}

/** A SHA-256 over the paths and contents of every file under `entries` (a missing one counts). */
export function digest(root, entries) {
  const hash = createHash('sha256')
  for (const file of entries.flatMap(entry => filesUnder(root, entry))) {
    hash.update(`${file}\0`)
    if (!file.endsWith(' (missing)')) hash.update(readFileSync(path.join(root, file)))
    hash.update('\0')
  }
  return hash.digest('hex')
}

/** True when the stamp of the last build matches the sources and dist/ as they are now. */
export function isCurrent(root) {
  let stamp
  try {
    stamp = JSON.parse(readFileSync(path.join(root, STAMP), 'utf8'))
  } catch {
    return false
  }
  return (
    stamp.inputs === digest(root, INPUTS) &&
    stamp.outputs === digest(root, OUTPUTS) &&
    Array.isArray(stamp.packageFiles) &&
    stamp.packages === digest(root, stamp.packageFiles)
  )
}

/**
 * Records that dist/, as it is now, was built from `inputs` (the digest of INPUTS taken before
 * the build started) and from `packageFiles`, the files of node_modules that ncc bundled.
 */
export function recordBuild(root, inputs, packageFiles) {
  const stamp = {
    inputs,
    outputs: digest(root, OUTPUTS),
    packageFiles,
    packages: digest(root, packageFiles)
  }
  mkdirSync(path.join(root, CACHE), { recursive: true })
  writeFileSync(path.join(root, STAMP), `${JSON.stringify(stamp)}\n`)
}

/** Drops the stamp: the next `--if-changed` builds. */
export function forgetBuild(root) {
  rmSync(path.join(root, STAMP), { force: true })
}
