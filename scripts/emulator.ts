/**
 * `npm run emulator [-- --port 8787]`: the Chatwork emulator on 127.0.0.1 until stopped, for
 * `npm run local`, the CI job that runs the action with `uses: ./`, or trying the action by hand.
 * The token `emulator-token-0123456789abcdef` belongs to "Deploy Bot", a member of room 335028121.
 */
import { ChatworkEmulator, DEFAULT_TOKEN, ROOM, seedDemoRoom } from '../tools/emulator.js'

const flag = process.argv.indexOf('--port')
const port = flag > 0 ? Number(process.argv[flag + 1]) : 8787
const emulator = await new ChatworkEmulator().start(port)
seedDemoRoom(emulator)
console.log(`Chatwork emulator listening at ${emulator.url}`)
console.log(`token: ${DEFAULT_TOKEN}  room: ${ROOM}  (Ctrl-C to stop)`)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    console.log(`${emulator.requests.length} requests served.`)
    void emulator.stop().then(() => process.exit(0))
  })
}
