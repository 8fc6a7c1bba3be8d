/** The entry point that GitHub's runner starts (bundled into dist/index.js). */
import { run } from './main.js'

await run()
