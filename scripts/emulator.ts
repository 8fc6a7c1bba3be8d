/**
 * `npm run emulator [-- --port 8787]`: the Chatwork emulator on 127.0.0.1 until stopped, for
 * `npm run local`, the CI job that runs the action with `uses: ./`, or trying the action by hand.
 * It prints a token for every account (the action's, and the others' to answer a gate by hand,
 * admins too, for a gate with `from-roles: admin`) and the rooms with who is in them.
 *
 * CHATWORK_EMULATOR_PROFILE='taskNotices=per-assignee,deleted=marker' plays other answers to
 * the questions Chatwork's documentation leaves open (docs/chatwork-api.md, "Profiles");
 * CHATWORK_EMULATOR_LATENCY_MS=80 delays each answer (and each new connection) by 80 ms.
 */
import {
  ALICE,
  BOT,
  ChatworkEmulator,
  DEFAULT_TOKEN,
  FIXTURE_TOKENS,
  OTHER_TOKEN,
  parseProfile,
  ROOM,
  seedDemoRoom
} from '../tools/emulator/index.js'

/** The emulator's options from the environment; a bad value stops it with advice. */
function fromEnvironment() {
  const latency = process.env.CHATWORK_EMULATOR_LATENCY_MS ?? '0'
  if (!/^\d{1,5}$/.test(latency)) {
    throw new Error(
      `CHATWORK_EMULATOR_LATENCY_MS is ${JSON.stringify(latency)}; expected whole milliseconds, e.g. 80.`
    )
  }
  return {
    profile: parseProfile(process.env.CHATWORK_EMULATOR_PROFILE ?? ''),
    latencyMs: Number(latency)
  }
}

const flag = process.argv.indexOf('--port')
const port = flag > 0 ? Number(process.argv[flag + 1]) : 8787
let options: ReturnType<typeof fromEnvironment>
try {
  options = fromEnvironment()
} catch (error) {
  console.error((error as Error).message)
  process.exit(1)
}
const emulator = await new ChatworkEmulator(options).start(port)
seedDemoRoom(emulator)
const url = emulator.url
const room = emulator.rooms.get(ROOM)
const tokens = FIXTURE_TOKENS.map(([token, account]) => {
  const role = room?.members.get(account.account_id) ?? 'not a member'
  const use = token === DEFAULT_TOKEN ? "use it as the action's 'token'" : 'answers a gate by hand'
  return `  ${token}  ${account.name} (${account.account_id}, ${role} of ${ROOM}): ${use}`
})
console.log(`Chatwork emulator listening at ${url}  (Ctrl-C to stop)

tokens:
${tokens.join('\n')}

profile: ${Object.entries(emulator.profile)
  .map(([factor, value]) => `${factor}=${value}`)
  .join(', ')}${options.latencyMs > 0 ? `\nlatency: ${options.latencyMs} ms` : ''}

rooms:`)
for (const room of emulator.rooms.values()) {
  const members = [...room.members].map(([id, role]) => `${id} ${role}`).join(', ')
  console.log(`  ${room.room_id}  ${room.name}: ${members}`)
}
console.log(`
Answer a waiting gate as ${ALICE.name}, replying to message ID (the asking step's message-id):
  curl -s -X POST -H 'X-ChatWorkToken: ${OTHER_TOKEN}' \\
    --data-urlencode "body=[rp aid=${BOT.account_id} to=${ROOM}-ID]${BOT.name}
/approve" ${url}/rooms/${ROOM}/messages`)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    console.log(`${emulator.requests.length} requests served.`)
    void emulator.stop().then(() => process.exit(0))
  })
}
