/**
 * `npm run contract [-- --json FILE] [-- --only id,id]`: asks a Chatwork whether each
 * assumption the action relies on holds, and prints which emulator profile each answer matches
 * (docs/chatwork-api.md, "Assumptions and the contract suite").
 *
 * Without CHATWORK_CONTRACT_TOKEN it starts the emulator with CHATWORK_EMULATOR_PROFILE and asks
 * it. With CHATWORK_CONTRACT_TOKEN and CHATWORK_CONTRACT_ROOM (a scratch room) it asks
 * CHATWORK_CONTRACT_API (default https://api.chatwork.com/v2); CHATWORK_CONTRACT_TOKEN_2, a
 * second member's token, also checks who is notified. Differences are a report (exit 0); an
 * unreachable server, a refused token or a missing room exit 1.
 */
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { ContractError } from '../tools/contract/client.js'
import { runContract, type ContractConfig } from '../tools/contract/run.js'
import { reportJson, reportTable } from '../tools/contract/table.js'
import {
  ChatworkEmulator,
  DEFAULT_TOKEN,
  OTHER_TOKEN,
  parseProfile,
  ROOM
} from '../tools/emulator/index.js'

const CHATWORK = 'https://api.chatwork.com/v2'

function fail(message: string): never {
  console.error(message)
  process.exit(1)
}

function realConfig(env: NodeJS.ProcessEnv, token: string): ContractConfig {
  const room = env.CHATWORK_CONTRACT_ROOM ?? ''
  if (!/^\d{1,20}$/.test(room)) {
    fail(
      `CHATWORK_CONTRACT_ROOM is ${JSON.stringify(room)}; expected the id of a scratch room (digits), the probes post there.`
    )
  }
  const base = (env.CHATWORK_CONTRACT_API || CHATWORK).replace(/\/+$/, '')
  if (!/^https?:\/\/[^\s]+$/.test(base)) {
    fail(`CHATWORK_CONTRACT_API is ${JSON.stringify(base)}; expected a URL such as ${CHATWORK}.`)
  }
  return { base, token, room, token2: env.CHATWORK_CONTRACT_TOKEN_2 || undefined }
}

const { values } = parseArgs({
  options: { json: { type: 'string' }, only: { type: 'string' } },
  strict: true
})
const only = values.only?.split(',').map(s => s.trim())
const token = process.env.CHATWORK_CONTRACT_TOKEN ?? ''
let emulator: ChatworkEmulator | undefined
let config: ContractConfig
if (token === '') {
  let profile
  try {
    profile = parseProfile(process.env.CHATWORK_EMULATOR_PROFILE ?? '')
  } catch (error) {
    fail((error as Error).message)
  }
  emulator = await new ChatworkEmulator({ profile, retryAfter: true }).start()
  const served = Object.entries(emulator.profile).map(([f, v]) => `${f}=${v}`)
  console.log(`Asking the emulator (${served.join(', ')}).\n`)
  config = { base: emulator.url, token: DEFAULT_TOKEN, room: String(ROOM), token2: OTHER_TOKEN }
} else {
  config = realConfig(process.env, token)
  console.log(`Asking ${config.base}, room ${config.room}.\n`)
}

try {
  const report = await runContract({ ...config, only })
  console.log(reportTable(report))
  if (values.json) writeFileSync(values.json, reportJson(report))
} catch (error) {
  fail(
    error instanceof ContractError ? error.message : `The contract suite stopped: ${String(error)}`
  )
} finally {
  await emulator?.stop()
}
