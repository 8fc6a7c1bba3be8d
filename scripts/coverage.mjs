// `npm run coverage`: line coverage of src/ that counts the end-to-end runs too.
// The end-to-end suites start the action in child processes, which vitest's own coverage does
// not see (it reported 56%). So every test runs under c8 with NODE_V8_COVERAGE, which
// tools/run-action.ts passes on to the children, and the children run src/index.ts through
// tsx (CHATWORK_ACTION_ENTRY), whose source maps map each range back to src/. (The bundle's
// own maps from ncc are line-only: through them every function looked covered.) The same
// tests run on the bundle itself in `npm test`. Fails under 95% of lines.
import { execFileSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import path from 'node:path'

const bin = name => path.join('node_modules', '.bin', name)
rmSync('coverage', { recursive: true, force: true })
execFileSync(
  bin('c8'),
  [
    '--include=src/**',
    '--reporter=text',
    '--reporter=text-summary',
    '--check-coverage',
    '--lines=95',
    bin('vitest'),
    'run',
    // Each child compiles src/ through tsx and writes its coverage: a start-up several times the
    // bundle's. The test timeout is a guard against a hang, not a bound any test asserts, so it
    // is wider here; the bounds tests do assert are timed from the emulator's side.
    '--testTimeout=60000'
  ],
  { stdio: 'inherit', env: { ...process.env, CHATWORK_ACTION_ENTRY: path.resolve('src/index.ts') } }
)
