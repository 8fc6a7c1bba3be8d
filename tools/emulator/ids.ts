/** The ids the emulator hands out: never consecutive, and message ids in order or not. */
import type { Profiles } from './profile.js'

const FIRST_MESSAGE_ID = 1928374655918273645n
/** Room between two unordered message ids: far more than the jitter. */
const SLOT = 1_000_000_000n
/** 2^53 + 1: the first integer a JavaScript Number cannot hold. */
const FIRST_TASK_ID = 9007199254740993n

const jitter = (below: number) => BigInt(Math.floor(Math.random() * below))

/** Ids keep counting across reset(): an id from an earlier test never comes back. */
export class Ids {
  private nextMessage = FIRST_MESSAGE_ID
  private unorderedCount = 0n
  private nextFile = 40001
  private nextTask = FIRST_TASK_ID

  constructor(private readonly profiles: Profiles) {}

  message(): string {
    if (this.profiles.use('messageIds') === 'unordered') {
      // Slots 1, 0, 3, 2, 5, 4…: every second message gets a smaller id than the one before.
      const slot = this.unorderedCount ^ 1n
      this.unorderedCount += 1n
      return (FIRST_MESSAGE_ID + slot * SLOT + jitter(1000)).toString()
    }
    const id = this.nextMessage++
    // Real ids are not consecutive; leave gaps so clients cannot rely on +1.
    this.nextMessage += SLOT + jitter(1000)
    return id.toString()
  }

  file(): number {
    return this.nextFile++
  }

  /** Odd, from 2^53 + 1 on: none of them survives a trip through a JavaScript Number. */
  task(): bigint {
    const id = this.nextTask
    // Not consecutive either; an even step keeps them odd.
    this.nextTask += 8n + 2n * jitter(50)
    return id
  }
}
