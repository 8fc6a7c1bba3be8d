import { defineConfig } from 'vitest/config'

/** The end-to-end suites (the bundle in child processes) and the in-process ones that take seconds. */
const WHOLE = ['test/**/*.e2e.test.ts', 'test/**/*.slow.test.ts']

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
    // machine (4 took 7-10% longer, docs/performance.md).
    maxWorkers: 6,
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
      {
        extends: true,
        // `npm run test:unit`, the fast loop. The files share their worker's modules (no
        // isolation): each worker imports src/ once, not once per file, which shortens the loop.
        // So no file may depend on loading a module fresh (test/mode-inputs.test.ts resets the
        // modules it mocks), and shuffled orders pass (`--sequence.shuffle`).
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: WHOLE, isolate: false }
      },
      // The end-to-end files share their worker's modules too (the emulator, the runner): each
      // starts its own emulator, and every test starts the bundle as a new process.
      { extends: true, test: { name: 'whole', include: WHOLE, exclude: TABLES, isolate: false } },
      { extends: true, test: { name: 'tables', include: TABLES, isolate: false } }
    ]
  }
})
