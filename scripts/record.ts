/**
 * Records the bundled action in a fixed set of scenarios (tools/record), to prove that a
 * refactor changes no behaviour:
 *
 *   npm run record -- --out /tmp/before            # this checkout's dist/
 *   npm run record -- --root /tmp/old --out /tmp/old-rec   # another checkout (git worktree add)
 *   npm run record -- --check test/fixtures/recordings     # exit 1, the first difference of each
 *   npm run record -- --update                     # rewrite test/fixtures/recordings
 *
 * `--only <regexp>` limits the scenarios by name.
 */
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { recordAll } from '../tools/record/record.js'
import { ROOT } from '../tools/run-action.js'

const FIXTURES = path.join(ROOT, 'test/fixtures/recordings')

const { values } = parseArgs({
  options: {
    root: { type: 'string' },
    out: { type: 'string' },
    check: { type: 'string' },
    update: { type: 'boolean' },
    only: { type: 'string' }
  }
})

const recordings = await recordAll(
  values.root ? path.resolve(values.root) : undefined,
  values.only ? new RegExp(values.only) : undefined
)
const out = values.update ? FIXTURES : values.out
if (out) {
  if (values.update) await rm(out, { recursive: true, force: true })
  await mkdir(out, { recursive: true })
  await Promise.all(recordings.map(r => writeFile(path.join(out, `${r.name}.txt`), `${r.text}\n`)))
  console.log(`${recordings.length} recordings written to ${out}`)
}
if (values.check) {
  const dir = path.resolve(values.check)
  const names = new Set((await readdir(dir)).filter(name => name.endsWith('.txt')))
  let differ = 0
  for (const { name, text } of recordings) {
    names.delete(`${name}.txt`)
    const before = await readFile(path.join(dir, `${name}.txt`), 'utf8').catch(() => undefined)
    if (before === `${text}\n`) continue
    differ++
    console.log(before === undefined ? `${name}: not recorded before` : `${name}: differs`)
    if (before !== undefined) console.log(firstDifference(before, `${text}\n`))
  }
  if (!values.only) for (const name of names) console.log(`${name}: recorded before, not now`)
  console.log(`${recordings.length} scenarios, ${differ} differ`)
  if (differ > 0 || (!values.only && names.size > 0)) {
    console.log('A behaviour change? Review it, then: npm run record -- --update')
    process.exitCode = 1
  }
}

/** The first line that differs, with its number, as it was and as it is. */
function firstDifference(before: string, after: string): string {
  const [a, b] = [before.split('\n'), after.split('\n')]
  const line = a.findIndex((text, i) => text !== b[i])
  const at = line < 0 ? a.length : line
  return `  line ${at + 1}\n  - ${a[at] ?? '(end)'}\n  + ${b[at] ?? '(end)'}`
}
