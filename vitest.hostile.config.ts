import { defineConfig } from 'vitest/config'

// `npm run test:hostile`: tests that load the machine on purpose, alone, one file at a time.
export default defineConfig({
  test: {
    include: ['test/**/*.hostile.ts'],
    testTimeout: 60_000,
    hookTimeout: 20_000,
    fileParallelism: false
  }
})
