/** The bench's burst: 25 concurrent sends to one room under Chatwork's 10-posts-per-10-seconds limit. */
import { ChatworkEmulator, ROOM } from '../emulator/index.js'
import { runAgainst } from '../run-action.js'

export async function burst(): Promise<void> {
  const windowMs = 10_000
  const emulator = await new ChatworkEmulator({ roomPostLimit: { max: 10, windowMs } }).start()
  try {
    const started = performance.now()
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) => runAgainst(emulator, { message: `burst ${i + 1}` }))
    )
    const makespan = performance.now() - started
    const bodies = new Set(emulator.messages(ROOM).map(m => m.body))
    const green = results.filter(r => r.exitCode === 0).length
    const bound = 2 * windowMs
    console.log(
      `${'25 sends, one room, 10 per 10 s (goal <= 1.3x)'.padEnd(44)} ` +
        `${(makespan / 1000).toFixed(1)} s = ${(makespan / bound).toFixed(2)}x the ${bound / 1000} s bound; ${green}/25 green, ${bodies.size} distinct messages of ${emulator.messages(ROOM).length}, ${emulator.requests.length} requests`
    )
  } finally {
    await emulator.stop()
  }
}
