/**
 * Records what the bundled action does in each scenario (tools/record/scenarios.ts): its exit
 * code, log, outputs, job summary, and every request the emulator received with its answer's
 * status. What varies from run to run (ids the emulator jitters, times, ports, temporary paths,
 * durations) is normalised, so two recordings of the same behaviour are byte-identical and a
 * refactor can be proven to change nothing: record before, record after, compare.
 */
import { ChatworkEmulator, ROOM } from '../emulator/index.js'
import type { RecordedRequest } from '../emulator/types.js'
import { runAgainst, type RunResult } from '../run-action.js'
import { SCENARIOS, type Scenario } from './scenarios.js'

interface Recording {
  name: string
  text: string
}

/**
 * Records every scenario, four at a time: each has its own emulator, and its ids are numbered
 * within its own recording, so the order does not matter.
 */
export async function recordAll(root?: string, only?: RegExp): Promise<Recording[]> {
  const chosen = SCENARIOS.filter(scenario => !only || only.test(scenario.name))
  const recordings: Recording[] = new Array<Recording>(chosen.length)
  let next = 0
  const worker = async () => {
    for (let i = next++; i < chosen.length; i = next++) {
      const scenario = chosen[i] as Scenario
      recordings[i] = { name: scenario.name, text: await record(scenario, root) }
    }
  }
  await Promise.all([worker(), worker(), worker(), worker()])
  return recordings
}

/** Runs one scenario against a fresh emulator and writes down what happened, normalised. */
async function record(scenario: Scenario, root?: string): Promise<string> {
  const emulator = await new ChatworkEmulator().start()
  try {
    scenario.setup?.(emulator)
    const first = emulator.messages(ROOM)[0]?.message_id ?? ''
    const inputs = Object.fromEntries(
      Object.entries(scenario.inputs).map(([name, value]) => [name, value.replace('FIRST', first)])
    )
    const running = runAgainst(emulator, inputs, {
      env: { GITHUB_EVENT_NAME: 'push', ...scenario.env },
      ...(scenario.event ? { event: scenario.event } : {}),
      ...(scenario.files ? { files: scenario.files } : {}),
      ...(root ? { root } : {})
    })
    let ended = false
    void running.finally(() => (ended = true))
    const until = <T>(found: () => T | undefined) => poll(found, () => ended)
    const answering = scenario.answer?.(emulator, {
      posted: text =>
        until(() => emulator.messages(ROOM).find(m => m.body.includes(text))?.message_id),
      looked: async () =>
        void (await until(() =>
          emulator.requestsTo('GET', `/rooms/${ROOM}/messages`).find(r => r.endMs)
        ))
    })
    // A bundle without the scenario's mode ends before anyone could answer: that is recorded.
    const [result, unanswered] = await Promise.all([
      running,
      answering?.then(
        () => '',
        (error: unknown) => `\n--- nobody answered: ${(error as Error).message}`
      )
    ])
    return normalise(describe(result, emulator.requests) + (unanswered ?? ''), emulator.url)
  } finally {
    await emulator.stop()
  }
}

/** Polls `found` until it gives a value, for a minute at most, or until the step `ended`. */
async function poll<T>(found: () => T | undefined, ended: () => boolean): Promise<T> {
  for (let waited = 0; waited < 60_000; waited += 20) {
    const value = found()
    if (value !== undefined) return value
    if (ended()) throw new Error('the step ended first')
    await new Promise(resolve => setTimeout(resolve, 20))
  }
  throw new Error('the step did not get there within a minute')
}

function describe(result: RunResult, requests: readonly RecordedRequest[]): string {
  const outputs = Object.entries(result.outputs)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => `${name}=${value}`)
  return [
    `exit code: ${result.exitCode}`,
    // The requests section below has every request, in an order that does not depend on timing.
    section(
      'log',
      result.stdout.replace(/^::debug::(?:GET|POST|PUT|DELETE) \/.*: \d{3} in .*\n/gm, '')
    ),
    section('stderr', result.stderr),
    section('outputs', outputs.join('\n')),
    section('summary', result.summary),
    section('requests', concurrentSorted(requests).map(describeRequest).join('\n'))
  ].join('\n')
}

/**
 * The requests in order of arrival, except that requests in flight together (sent alongside each
 * other, arriving in either order) are sorted by what they are.
 */
function concurrentSorted(requests: readonly RecordedRequest[]): RecordedRequest[] {
  const groups: RecordedRequest[][] = []
  let groupEnd = -Infinity
  for (const request of requests) {
    if (request.startMs < groupEnd) groups.at(-1)?.push(request)
    else groups.push([request])
    groupEnd = Math.max(groupEnd, request.endMs ?? Infinity)
  }
  const key = (r: RecordedRequest) => `${r.method} ${r.path}?${r.query.toString()}`
  return groups.flatMap(group => group.sort((a, b) => key(a).localeCompare(key(b))))
}

function describeRequest(request: RecordedRequest): string {
  const query = request.query.toString()
  const body = request.body.toString('utf8')
  const type = String(request.headers['content-type'] ?? '')
  // A multipart body's boundary is random: the form's field names and values are what count.
  const shown = type.startsWith('multipart/') ? multipartFields(body, type) : body
  return `${request.method} ${request.path}${query ? `?${query}` : ''} -> ${request.status}${shown ? `\n  ${shown}` : ''}`
}

function multipartFields(body: string, type: string): string {
  const boundary = /boundary=(.+)$/.exec(type)?.[1] ?? ''
  return body
    .split(`--${boundary}`)
    .map(part => part.trim())
    .filter(part => part && part !== '--')
    .join(' | ')
}

const section = (title: string, text: string) => `--- ${title}\n${text.trimEnd()}`

/** Replaces what differs between two runs of the same behaviour with stable placeholders. */
export function normalise(text: string, emulatorUrl: string): string {
  const ids = new Map<string, string>()
  const stable = (kind: string) => (value: string) => {
    const key = `${kind}:${value}`
    if (!ids.has(key))
      ids.set(key, `<${kind}${[...ids.keys()].filter(k => k.startsWith(kind)).length + 1}>`)
    return ids.get(key) ?? value
  }
  return (
    text
      .replaceAll(emulatorUrl.replace(/\/v2$/, ''), '<emulator>')
      .replaceAll(encodeURIComponent(emulatorUrl.replace(/\/v2$/, '')), '<emulator>')
      .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<port>')
      // Message ids (19 digits) and task ids (from 2^53 + 1) are jittered by the emulator.
      .replace(/\b(?:19\d{17}|900719\d{10})\b/g, stable('id'))
      .replace(/(?:\/tmp|\/var\/tmp)\/chatwork-action-[\w-]+/g, '<tmp>')
      .replace(/ghadelimiter_[\w-]+/g, '<delimiter>')
      // The tokens around a stop-commands block are random UUIDs.
      .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, stable('uuid'))
      .replace(/\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)\b/g, '<time>')
      .replace(/\b1[6-9]\d{8}\b/g, '<epoch>')
      .replace(/\b\d{4}-\d\d-\d\d \d\d:\d\d(?::\d\d)?(?: UTC)?\b/g, '<time>')
      .replace(/\b\d+(?:\.\d+)? ?(?:ms|s)\b/g, '<duration>')
      // How many times a gate looks depends on the machine's speed: a look is a look.
      .replace(/rate limit \d+ of (\d+) left/g, 'rate limit <n> of $1 left')
      .split('\n')
      .filter((line, i, lines) => i === 0 || line !== lines[i - 1] || !REPEATABLE.test(line))
      .join('\n')
  )
}

/** The lines a waiting step writes once per look. */
const REPEATABLE = /^(?:::debug::GET |GET \/rooms\/\d+\/messages)/
