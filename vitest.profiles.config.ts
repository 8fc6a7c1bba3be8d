import { defineConfig } from 'vitest/config'

// `npm run test:profiles`: the exactly-once, gate and fetch suites under every emulator profile
// (test/profiles/matrix.ts), apart from `npm test` because they run the bundle many times.
export default defineConfig({
  test: {
    include: ['test/profiles/**/*.profile.ts'],
    testTimeout: 60_000,
    hookTimeout: 20_000,
    // Its files mostly wait (for a look after a lost answer), so more run at once than the
    // machine has cores.
    maxWorkers: 6
  }
})
