/**
 * Runs every probe against one Chatwork (or emulator), then undoes what they did: every
 * message they posted (and every task notice) deleted, every task they created marked done.
 * A probe that throws is reported, not fatal; a ContractError (unreachable, refused token,
 * room not found) stops the run.
 */
import { ContractClient, ContractError, type Ledger } from './client.js'
import { MESSAGE_PROBES } from './messages.js'
import { excerpt, type Probe, type ProbeContext } from './probe.js'
import { READ_PROBES } from './reads.js'
import { taskListCap } from './task-cap.js'
import { TASK_PROBES } from './tasks.js'

export const PROBES: readonly Probe[] = [
  ...MESSAGE_PROBES,
  ...READ_PROBES,
  ...TASK_PROBES,
  taskListCap
]

export interface ContractConfig {
  base: string
  token: string
  room: string
  /** A second member's token: checks who is notified. */
  token2?: string
  /** Only these probe ids (all when absent). */
  only?: readonly string[]
}

export interface ProbeResult {
  id: string
  assumption: string
  observed: string
  profile: string | null
}

export interface ContractReport {
  results: ProbeResult[]
  /** What cleanup could not undo. */
  leftovers: string[]
}

function newLedger(): Ledger {
  return { messages: new Set(), deleted: new Set(), tasks: new Set(), notices: new Set() }
}

async function accountId(client: ContractClient): Promise<string> {
  const me = await client.request('GET', '/me')
  const id = me.status === 200 ? String((me.json() as { account_id?: unknown }).account_id) : ''
  if (!/^\d+$/.test(id)) throw new ContractError(`GET /me answered ${me.status}: not an account.`)
  return id
}

async function members(client: ContractClient, me: string, name: string): Promise<string[]> {
  const answer = await client.request('GET', `/rooms/${client.room}/members`)
  if (answer.status !== 200) {
    throw new ContractError(
      `Room ${client.room} answered ${answer.status} to the account of ${name}: set CHATWORK_CONTRACT_ROOM to a scratch room that account is a member of.`
    )
  }
  const ids = (answer.json() as { account_id: unknown }[]).map(m => String(m.account_id))
  return [me, ...ids.filter(id => id !== me)]
}

async function context(config: ContractConfig, ledger: Ledger): Promise<ProbeContext> {
  const { base, room } = config
  const client = new ContractClient(base, config.token, room, ledger, 'CHATWORK_CONTRACT_TOKEN')
  const me = await accountId(client)
  const all = await members(client, me, 'CHATWORK_CONTRACT_TOKEN')
  const marker = `contract-probe-${Date.now().toString(36)}`
  if (!config.token2) return { client, me, members: all, marker }
  const other = new ContractClient(
    base,
    config.token2,
    room,
    newLedger(),
    'CHATWORK_CONTRACT_TOKEN_2'
  )
  const id = await accountId(other)
  if (id === me || !all.includes(id)) {
    throw new ContractError(
      `CHATWORK_CONTRACT_TOKEN_2 is account ${id}: it must be a second member of room ${room}.`
    )
  }
  return {
    client,
    me,
    members: [me, id, ...all.filter(a => a !== me && a !== id)],
    second: { client: other, id },
    marker
  }
}

/** Deletes what the probes posted (and the notices of their tasks); marks their tasks done. */
async function cleanUp(ctx: ProbeContext): Promise<string[]> {
  const { client, me, marker } = ctx
  const { ledger } = client
  const leftovers: string[] = []
  for (const task of await client.openTasks(me)) {
    const answer = await client.setTaskStatus(String(task.task_id), 'done')
    if (answer.status !== 200) leftovers.push(`task ${task.task_id} still open (${answer.status})`)
  }
  const notices = ledger.notices
  for (const task of await client.tasks(me, 'done')) {
    if (ledger.tasks.has(String(task.task_id))) notices.add(String(task.message_id))
  }
  const { list } = await client.messages(1)
  for (const m of list) {
    if (String(m.account.account_id) === me && m.body.includes(marker)) notices.add(m.message_id)
  }
  for (const id of new Set([...ledger.messages, ...notices])) {
    if (id === '' || ledger.deleted.has(id)) continue
    const answer = await client.deleteMessage(id)
    if (answer.status !== 200 && answer.status !== 404) {
      leftovers.push(`message ${id} not deleted (${answer.status} ${excerpt(answer.text)})`)
    }
  }
  return leftovers
}

export async function runContract(config: ContractConfig): Promise<ContractReport> {
  const ledger = newLedger()
  const ctx = await context(config, ledger)
  const results: ProbeResult[] = []
  let leftovers: string[] = []
  try {
    for (const probe of PROBES) {
      if (config.only && !config.only.includes(probe.id)) continue
      try {
        const { observed, profile } = await probe.run(ctx)
        results.push({ id: probe.id, assumption: probe.assumption, observed, profile })
      } catch (error) {
        if (error instanceof ContractError) throw error
        const observed = `the probe failed: ${(error as Error).message}`
        results.push({ id: probe.id, assumption: probe.assumption, observed, profile: null })
      }
    }
  } finally {
    // Even when a run stops half-way, what it posted does not stay.
    leftovers = await cleanUp(ctx).catch((e: Error) => [`cleanup stopped: ${e.message}`])
  }
  return { results, leftovers }
}
