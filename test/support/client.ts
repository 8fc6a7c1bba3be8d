/**
 * The client as the unit tests drive it: against an emulator, its log kept in `record.logs`
 * and its retry waits in `record.waits`, taking no time unless a test passes a clock of its own.
 */
import { ChatworkClient, type ClientOptions } from '../../src/chatwork/client.js'
import { DEFAULT_TOKEN } from '../../tools/emulator/index.js'

interface ClientRecord {
  logs: string[]
  waits: number[]
}

export function recordingClient(
  emulator: { url: string },
  record: ClientRecord,
  overrides: Partial<ClientOptions> = {}
): ChatworkClient {
  return new ChatworkClient({
    baseUrl: emulator.url,
    token: DEFAULT_TOKEN,
    timeoutMs: 2_000,
    log: message => record.logs.push(message),
    policy: { retries: 3 },
    clock: { now: Date.now, sleep: async ms => void record.waits.push(ms) },
    random: () => 0.5,
    ...overrides
  })
}
