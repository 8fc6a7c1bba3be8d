import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // The end-to-end files mostly wait (on the bundle's processes, on rate-limit windows), so
    // more files run at once than the machine has cores: 4 on a 2-core machine.
    maxWorkers: 4
  }
})
