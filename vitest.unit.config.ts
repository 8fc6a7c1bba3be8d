import { defineConfig } from 'vitest/config'
import base, { SLOW, TESTS } from './vitest.config.js'

// `npm run test:unit`, the loop to run after every change: the files that start no bundle and
// take no seconds, with the options of vitest.config.ts (timeouts, tags, the transform cache,
// no isolation between files). A config of its own, not a project there:
// a project has a pool of workers of its own, and `npm test` runs these files in its pool.
const shared = { ...base.test }
delete shared.projects

export default defineConfig({
  test: { ...shared, name: 'unit', include: TESTS, exclude: SLOW }
})
