/**
 * The bench's round trips: every operation as a whole step, against one emulator that answers
 * at once and one that delays every answer by `latencyMs` (a new connection's first answer by
 * twice that: the TCP set-up's round trip). What a user across an ocean feels is
 * (step with latency - step without) / latency, the sequential round trips; the floor program
 * (one raw POST on one new connection) shows what no program can avoid. Runs are interleaved and
 * the medians taken. Each request's start and end come from the emulator's own log, so overlap
 * is shown, not inferred.
 */
import { ALICE, BOT, ChatworkEmulator, ROOM } from '../emulator/index.js'
import type { RecordedRequest } from '../emulator/types.js'
import { ROOT, runAgainst, type RunResult } from '../run-action.js'
import path from 'node:path'

const FLOOR = path.join(ROOT, 'tools/bench/floor.cjs')

interface Operation {
  name: string
  /** The most sequential round trips it may take (the goal); NaN for the floor. */
  goal: number
  /** The inputs, given an emulator to set up what the step needs (a message to edit). */
  inputs: (e: ChatworkEmulator) => Record<string, string>
  floor?: true
}

const BODY = 'Build failed on main: see the run.'

const OPERATIONS: Operation[] = [
  { name: 'floor program (one raw POST)', goal: NaN, inputs: () => ({}), floor: true },
  { name: 'send: plain', goal: 1.2, inputs: () => ({ message: BODY }) },
  { name: 'send: to', goal: 1.2, inputs: () => ({ message: BODY, to: `${ALICE.account_id}` }) },
  {
    name: 'send: title + to',
    goal: 1.2,
    inputs: () => ({ message: BODY, title: 'Build', to: `${ALICE.account_id}` })
  },
  {
    name: 'send: reply-to',
    goal: 2.2,
    inputs: e => ({ message: BODY, 'reply-to': e.post(ROOM, ALICE, 'Ship it?').message_id })
  },
  { name: 'upload', goal: 1.2, inputs: () => ({ file: 'report.txt', message: BODY }) },
  { name: 'task', goal: 1.2, inputs: () => ({ mode: 'task', message: BODY, to: '2002' }) },
  {
    name: 'update',
    goal: 1.2,
    inputs: e => ({
      mode: 'update',
      'message-id': e.post(ROOM, BOT, 'old').message_id,
      message: BODY
    })
  },
  {
    name: 'delete',
    goal: 1.2,
    inputs: e => ({ mode: 'delete', 'message-id': e.post(ROOM, BOT, 'old').message_id })
  },
  { name: 'fetch', goal: 1.2, inputs: () => ({ mode: 'fetch' }) },
  {
    name: "fetch with match (gate's first look)",
    goal: 1.2,
    inputs: e => {
      e.post(ROOM, ALICE, '/approve')
      return { mode: 'fetch', match: '^/approve\\b' }
    }
  }
]

interface Sample {
  ms: number
  requests: RecordedRequest[]
}

interface Row {
  name: string
  goal: number
  quick: number
  slow: number
  requests: number
  connections: number
  /** Sequential round trips beyond the first connection's set-up. */
  roundTrips: number
  /** The same from the emulator's log: first request's start to last answer's end. */
  spanTrips: number
  timeline: string
}

async function step(e: ChatworkEmulator, op: Operation, node: string): Promise<Sample> {
  e.forgetRequests()
  const inputs = op.inputs(e)
  const options = op.floor
    ? { node, entry: FLOOR, env: { FLOOR_BODY: BODY } }
    : { node, files: { 'report.txt': 'all green\n' } }
  const result: RunResult = await runAgainst(e, inputs, options)
  if (result.exitCode !== 0) {
    throw new Error(`${op.name} failed:\n${result.stdout}${result.stderr}`)
  }
  return { ms: result.ms, requests: [...e.requests] }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[sorted.length >> 1] ?? NaN
}

/** Each request as `METHOD path start–end ms (new connection)`, from the first one's start. */
function timeline(requests: RecordedRequest[]): string {
  const zero = Math.min(...requests.map(r => r.startMs))
  return requests
    .map(
      r =>
        `${r.method} ${r.path.replace(/\d{6,}/g, '…')} ${(r.startMs - zero).toFixed(0)}–${((r.endMs ?? NaN) - zero).toFixed(0)}${r.newConnection ? ' (new connection)' : ''}`
    )
    .join('; ')
}

/** Milliseconds from the first request's arrival to the last answer's end. */
function span(requests: RecordedRequest[]): number {
  const start = Math.min(...requests.map(r => r.startMs))
  return Math.max(...requests.map(r => r.endMs ?? NaN)) - start
}

async function roundTrips(node: string, latencyMs: number, runs: number): Promise<Row[]> {
  const limits = {
    tokenLimit: { max: 1_000_000, windowMs: 60_000 },
    roomPostLimit: { max: 1_000_000, windowMs: 1_000 }
  }
  const quick = await new ChatworkEmulator(limits).start()
  const slow = await new ChatworkEmulator({ ...limits, latencyMs }).start()
  const samples = OPERATIONS.map(() => ({ quick: [] as Sample[], slow: [] as Sample[] }))
  try {
    for (let i = 0; i < runs; i++) {
      for (const [o, op] of OPERATIONS.entries()) {
        samples[o]?.quick.push(await step(quick, op, node))
        samples[o]?.slow.push(await step(slow, op, node))
      }
    }
  } finally {
    await Promise.all([quick.stop(), slow.stop()])
  }
  return OPERATIONS.map((op, o) => {
    const { quick: q = [], slow: s = [] } = samples[o] ?? {}
    const last = s.at(-1)?.requests ?? []
    const quickMs = median(q.map(x => x.ms))
    const slowMs = median(s.map(x => x.ms))
    return {
      name: op.name,
      goal: op.goal,
      quick: quickMs,
      slow: slowMs,
      requests: last.length,
      connections: last.filter(r => r.newConnection).length,
      roundTrips: (slowMs - quickMs) / latencyMs - 1,
      spanTrips: median(s.map(x => span(x.requests))) / latencyMs - 1,
      timeline: timeline(last)
    }
  })
}

/** Sequential round trips per operation under a transatlantic 150 ms, printed and returned. */
export async function latencySection(node: string): Promise<string> {
  const version = (
    await runAgainst({ url: '' }, {}, { node, entry: path.join(ROOT, 'tools/bench/version.cjs') })
  ).stdout.trim()
  const [latencyMs, runs] = [150, 5]
  const table = roundTripTable(await roundTrips(node, latencyMs, runs), latencyMs)
  const heading = `## Round trips under ${latencyMs} ms of latency, node ${version}, medians of ${runs}`
  console.log(`\n${heading}\n\n${table}`)
  return `${heading}\n\n${table}\n`
}

/** The table as Markdown, for the console and docs/performance.md alike. */
function roundTripTable(rows: Row[], latencyMs: number): string {
  const lines = [
    `| operation | step, no latency | step, ${latencyMs} ms latency | requests | connections | round trips | in the emulator's log | goal |`,
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'
  ]
  for (const r of rows) {
    const met = r.spanTrips <= r.goal ? '' : ' (missed)'
    const goal = Number.isNaN(r.goal) ? '-' : `≤ ${r.goal}${met}`
    lines.push(
      `| ${r.name} | ${r.quick.toFixed(0)} ms | ${r.slow.toFixed(0)} ms | ${r.requests} | ${r.connections} | ${r.roundTrips.toFixed(2)} | ${r.spanTrips.toFixed(2)} | ${goal} |`
    )
  }
  lines.push(
    '',
    'Round trips: (median step with latency - median step without) / latency, less the one',
    'set-up round trip of the first connection that every program pays (the emulator delays a new',
    "connection's first answer twice). The emulator's log column is the same count from the first",
    "request's arrival to the last answer's end: it leaves out process start-up and so the noise of",
    'a busy machine.'
  )
  lines.push('', 'Requests of the last run with latency (ms from the first request):', '')
  for (const r of rows) lines.push(`- ${r.name}: ${r.timeline}`)
  return lines.join('\n')
}
