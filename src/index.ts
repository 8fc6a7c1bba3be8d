/** The entry point that GitHub's runner starts (bundled into dist/index.js). */
// First: the crash handlers, before any other module is evaluated (ESM evaluates in order).
import './crash-guard.js'
import { run } from './main.js'

await run()
