/** Part 3 of the exactly-once suite under the profiles (see ./exactly-once.ts). */
import { exactlyOnceSuite } from './exactly-once.js'

exactlyOnceSuite(3)
