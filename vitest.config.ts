import { defineConfig } from 'vitest/config'

/** The test files: `npm test`'s, and the unit loop's (vitest.unit.config.ts) but SLOW. */
export const TESTS = ['test/**/*.test.ts']

/**
 * The end-to-end suites (the bundle in child processes) and the in-process ones that take
 * seconds: not in the unit loop (vitest.unit.config.ts).
 */
export const SLOW = ['test/**/*.e2e.test.ts', 'test/**/*.slow.test.ts']

/**
 * The larger tables: every hostile value in every field, every wrong answer of a server, every
 * error text, hostile sizes and the bounds on them, every value of every emulator profile
 * factor. `npm run test:tables` and a step of their own in `.ci/run`, outside `npm test`, so
 * that the loop a developer runs after a change stays short (coverage counts them too). The
 * same step runs the rows after the first of every other end-to-end table, which `table()`
 * (test/support/table.ts) tags `table` and `npm test` leaves out.
 */
const TABLES = [
  'test/hostile-input.e2e.test.ts',
  'test/wrong-answers.e2e.test.ts',
  'test/error-texts.e2e.test.ts',
  'test/summary-hostile.e2e.test.ts',
  'test/hostile-text-memory.e2e.test.ts',
  'test/markdown-bounds.slow.test.ts',
  'test/linear-time.slow.test.ts',
  'test/contract.e2e.test.ts'
]

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // The end-to-end files mostly wait (on the bundle's processes, on rate-limit windows, on
    // the gate's polls), so more files run at once than the machine has cores: 6 on a 2-core
    // machine (fewer took longer: docs/performance.md has the figures).
    maxWorkers: 6,
    // The files share their worker's modules (no isolation): each worker imports src/, the
    // emulator and the runner once, not once per file. So no file may depend on loading a
    // module fresh (test/mode-inputs.test.ts resets the modules it mocks), and shuffled orders
    // pass (`--sequence.shuffle`).
    isolate: false,
    // Vite's transform of each TypeScript file is kept in node_modules/.experimental-vitest-cache
    // between runs, keyed by the file's content, vitest's version and this config, and emptied
    // when the lockfile changes: the second run of the unit loop onwards skips it
    // (docs/performance.md). A clean clone (CI) starts empty. tsconfig.json is not in the key:
    // after changing it, `npx vitest --clearCache`.
    experimental: { fsModuleCache: true },
    tags: [
      {
        name: 'table',
        description:
          "an end-to-end table's rows after its first (test/support/table.ts): not in npm test, in npm run test:tables"
      }
    ],
    projects: [
      // `npm test`: every file but the larger tables, unit and end-to-end in one pool of
      // workers. As two projects (units and the rest) they had a pool each, 12 workers that each
      // loaded vitest and the modules: one pool takes less CPU and time (docs/performance.md).
      // The unit loop, `npm run test:unit`, is vitest.unit.config.ts.
      {
        extends: true,
        test: { name: 'whole', include: TESTS, exclude: TABLES }
      },
      { extends: true, test: { name: 'tables', include: TABLES } }
    ]
  }
})
