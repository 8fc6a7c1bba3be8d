import { defineConfig } from 'vitest/config'
import base, { SLOW } from './vitest.config.js'

// `npm run test:unit`, the loop to run after every change: the files that start no bundle and
// take no seconds, with the options of vitest.config.ts (timeouts, tags, the transform cache)
// and, as there, without isolation between files. A config of its own, not a project there:
// a project has a pool of workers of its own, and `npm test` runs these files in its pool.
const shared = { ...base.test }
delete shared.projects

export default defineConfig({
  test: { ...shared, name: 'unit', include: ['test/**/*.test.ts'], exclude: SLOW, isolate: false }
})
