/**
 * `npm run bench`: the action's performance figures, measured on this machine. Builds nothing:
 * it runs dist/index.js as it is (run `npm run bundle` first after changing src/).
 *
 * - start-up: the whole process, start to exit, sending one templated message to the emulator,
 *   against a bare `node -e 0`, interleaved, median of 21 runs each;
 * - the size of dist/'s JavaScript;
 * - HTTP requests per operation;
 * - 25 concurrent sends to one room under Chatwork's 10-posts-per-10-seconds limit, against the
 *   limit's own bound (two full windows).
 */
import { spawn } from 'node:child_process'
import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import { ALICE, ChatworkEmulator, ROOM } from '../test/emulator/chatwork-emulator.js'
import { runAgainst } from '../test/support/e2e.js'
import { ROOT } from '../test/support/run-action.js'

const RUNS = 21
const TEMPLATE =
  'Build {{ github.repository }}@{{ github.sha | slice: 0, 7 }} failed: {{ run_url }}'

const rows: [string, string][] = []
const report = (name: string, value: string): void => {
  rows.push([name, value])
  console.log(`${name.padEnd(44)} ${value}`)
}

console.log(`node ${process.version}, ${RUNS} interleaved runs\n`)
await startup()
await bundleSize()
await requestsPerOperation()
await burst()

async function startup(): Promise<void> {
  const emulator = await new ChatworkEmulator({
    tokenLimit: { limit: 1_000_000, windowMs: 60_000 },
    roomPostLimit: { limit: 1_000_000, windowMs: 1_000 }
  }).start()
  const bare: number[] = []
  const action: number[] = []
  try {
    for (let i = 0; i < RUNS; i++) {
      bare.push(await timeNode(['-e', '0']))
      const result = await runAgainst(emulator, { message: TEMPLATE })
      if (result.exitCode !== 0)
        throw new Error(`the send failed:\n${result.stdout}${result.stderr}`)
      action.push(result.ms)
    }
  } finally {
    await emulator.stop()
  }
  const b = summary(bare)
  const a = summary(action)
  report('start-up: node -e 0 (median / min / max)', `${b.median} / ${b.min} / ${b.max} ms`)
  report('start-up: send one message (median / min / max)', `${a.median} / ${a.min} / ${a.max} ms`)
  report('start-up: ratio of medians (goal <= 1.5)', (a.median / b.median).toFixed(2))
}

async function bundleSize(): Promise<void> {
  const dir = path.join(ROOT, 'dist')
  const files = (await readdir(dir)).filter(f => f.endsWith('.js'))
  const sizes = await Promise.all(files.map(async f => (await stat(path.join(dir, f))).size))
  const total = sizes.reduce((sum, size) => sum + size, 0)
  const parts = files.map((f, i) => `${f} ${kB(sizes[i] ?? 0)}`).join(', ')
  report('dist/ JavaScript (goal <= 700 kB)', `${kB(total)} (${parts})`)
}

async function requestsPerOperation(): Promise<void> {
  const emulator = await new ChatworkEmulator().start()
  try {
    const count = async (inputs: Record<string, string>): Promise<number> => {
      emulator.requests.length = 0
      const result = await runAgainst(emulator, inputs)
      if (result.exitCode !== 0) throw new Error(`failed: ${result.stdout}`)
      return emulator.requests.length
    }
    const sent = await runAgainst(emulator, { message: 'to edit' })
    const id = sent.outputs['message-id'] ?? ''
    emulator.post(ROOM, ALICE, '/approve')
    report('requests: send (goal 1)', String(await count({ message: TEMPLATE })))
    report('requests: fetch (goal 1)', String(await count({ mode: 'fetch' })))
    report(
      'requests: update',
      String(await count({ mode: 'update', 'message-id': id, message: 'x' }))
    )
    report('requests: delete', String(await count({ mode: 'delete', 'message-id': id })))
    report(
      'requests: fetch with match (+ GET /me)',
      String(await count({ mode: 'fetch', match: '^/approve' }))
    )
  } finally {
    await emulator.stop()
  }
}

async function burst(): Promise<void> {
  const windowMs = 10_000
  const emulator = await new ChatworkEmulator({ roomPostLimit: { limit: 10, windowMs } }).start()
  try {
    const started = performance.now()
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) => runAgainst(emulator, { message: `burst ${i + 1}` }))
    )
    const makespan = performance.now() - started
    const bodies = new Set(emulator.messages(ROOM).map(m => m.body))
    const green = results.filter(r => r.exitCode === 0).length
    const bound = 2 * windowMs
    report(
      '25 sends, one room, 10 per 10 s (goal <= 1.3x)',
      `${(makespan / 1000).toFixed(1)} s = ${(makespan / bound).toFixed(2)}x the ${bound / 1000} s bound; ${green}/25 green, ${bodies.size} distinct messages of ${emulator.messages(ROOM).length}, ${emulator.requests.length} requests`
    )
  } finally {
    await emulator.stop()
  }
}

function timeNode(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(process.execPath, args, { stdio: 'ignore' })
    child.on('error', reject)
    child.on('close', () => resolve(performance.now() - started))
  })
}

function summary(values: number[]): { median: number; min: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b)
  const round = (n: number | undefined) => Math.round((n ?? 0) * 10) / 10
  return {
    median: round(sorted[sorted.length >> 1]),
    min: round(sorted[0]),
    max: round(sorted.at(-1))
  }
}

function kB(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB`
}
