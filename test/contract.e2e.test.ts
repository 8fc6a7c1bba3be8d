/**
 * The contract suite (tools/contract/) against the emulator: under every value of every
 * profile factor, one factor at a time, each probe must name the profile the emulator served,
 * and leave nothing behind. The probes see only HTTP; this test alone knows what was served.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { load } from 'js-yaml'
import { afterEach, describe, expect, it } from 'vitest'
import { runContract, PROBES } from '../tools/contract/run.js'
import { FIXED } from '../tools/contract/probe.js'
import {
  ALICE,
  BOT,
  ChatworkEmulator,
  DEFAULT_TOKEN,
  FACTORS,
  OTHER_TOKEN,
  PROFILE_VALUES,
  ROOM,
  type Factor,
  type Profile
} from '../tools/emulator/index.js'
import { refusedPort } from './support/ports.js'

/** The factor each probe tells apart; absent: a behaviour every profile plays (FIXED). */
const FACTOR_OF: Record<string, Factor | undefined> = {
  'escape-zwsp': undefined,
  'reply-notation': 'localizedTags',
  'deleted-message': 'deleted',
  'body-limit': 'bodyLimit',
  'id-order': 'messageIds',
  'force-cursor': 'force',
  'rate-limit-headers': 'rateLimitHeaders',
  'free-plan': 'freePlan',
  'task-notice': 'taskNotices',
  'task-date-limit': 'taskDate',
  'task-status': 'alreadyDone',
  'time-without-limit': 'timeWithoutLimit',
  'task-list-cap': undefined
}

/** The default profile, then each factor's other values alone. */
const CASES: { name: string; profile: Partial<Profile> }[] = [
  { name: 'the default profile', profile: {} },
  ...FACTORS.flatMap(f =>
    PROFILE_VALUES[f].slice(1).map(v => ({ name: `${f}=${v}`, profile: { [f]: v } }))
  )
]

/** Posting limits that do not slow the matrix; the probes' patience is tested by the CLI run. */
const FAST = { roomPostLimit: { max: 10_000, windowMs: 10_000 } }

let emulator: ChatworkEmulator | undefined
afterEach(async () => {
  await emulator?.stop()
  emulator = undefined
})

function config(url: string) {
  return { base: url, token: DEFAULT_TOKEN, room: String(ROOM), token2: OTHER_TOKEN }
}

/** Nothing the probes posted is left (a `[deleted]` marker is what deletion leaves), no task open. */
function expectCleanedUp(e: ChatworkEmulator, tasks: number): void {
  const room = e.rooms.get(ROOM)
  const left = room?.messages.filter(
    m => [BOT.account_id, ALICE.account_id].includes(m.account.account_id) && m.body !== '[deleted]'
  )
  expect(left?.map(m => m.body.slice(0, 60))).toEqual([])
  expect(room?.tasks.length).toBeGreaterThanOrEqual(tasks)
  expect(room?.tasks.filter(t => t.status !== 'done')).toEqual([])
}

describe('contract suite against the emulator', () => {
  it('has a probe for every profile factor', () => {
    expect(PROBES.map(p => p.id).sort()).toEqual(Object.keys(FACTOR_OF).sort())
    expect(new Set(Object.values(FACTOR_OF).filter(Boolean))).toEqual(new Set(FACTORS))
  })

  // Each case has its own emulator, so they run side by side.
  it.concurrent.for(CASES)(
    'under $name, each probe names the profile served and cleans up',
    { timeout: 60_000 },
    async ({ profile }, { expect, onTestFinished }) => {
      const e = await new ChatworkEmulator({ ...FAST, profile }).start()
      onTestFinished(() => e.stop())
      // The list cap's hundred tasks do not depend on the profile: asked once, by default
      // here and in the CLI's run below.
      const all = Object.keys(profile).length === 0
      const only = all ? undefined : PROBES.map(p => p.id).filter(id => id !== 'task-list-cap')
      const { results, leftovers } = await runContract({ ...config(e.url), only })
      expect(results).toHaveLength(only?.length ?? PROBES.length)
      const expected = results.map(r => {
        const factor = FACTOR_OF[r.id]
        return { id: r.id, profile: factor ? `${factor}=${e.profile[factor]}` : FIXED }
      })
      expect(
        results.map(r => ({ id: r.id, profile: r.profile })),
        JSON.stringify(results, null, 1)
      ).toEqual(expected)
      for (const [factor, value] of Object.entries(profile)) {
        expect(e.served.get(`${factor}=${value}`), `${factor}=${value} served`).toBeGreaterThan(0)
      }
      expect(leftovers).toEqual([])
      expectCleanedUp(e, all ? 101 : 4)
    }
  )
})

const ROOT = path.resolve(import.meta.dirname, '..')
const TSX = path.join(ROOT, 'node_modules/.bin/tsx')
const run = promisify(execFile)

async function cli(env: Record<string, string>, args: string[] = []) {
  const { PATH, HOME } = process.env
  return run(TSX, ['scripts/contract.ts', ...args], {
    cwd: ROOT,
    env: { PATH, HOME, ...env },
    encoding: 'utf8'
  }).then(
    r => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => e
  )
}

describe('npm run contract', () => {
  it('refuses a bad token with exit 1 and a clear message, never printing it', async () => {
    const e = (emulator = await new ChatworkEmulator(FAST).start())
    const secret = 'not-a-token-7f3a9c1e5b'
    const result = await cli({
      CHATWORK_CONTRACT_TOKEN: secret,
      CHATWORK_CONTRACT_ROOM: String(ROOM),
      CHATWORK_CONTRACT_API: e.url
    })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('Chatwork refused the token in CHATWORK_CONTRACT_TOKEN (401)')
    expect(result.stdout + result.stderr).not.toContain(secret)
    expect(result.stderr).not.toMatch(/\n\s+at /)
  }, 30_000)

  it('says when the server cannot be reached, and exits 1', async () => {
    const url = `http://127.0.0.1:${await refusedPort()}/v2`
    const result = await cli({
      CHATWORK_CONTRACT_TOKEN: 'x',
      CHATWORK_CONTRACT_ROOM: String(ROOM),
      CHATWORK_CONTRACT_API: url
    })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(`Cannot reach ${url} (ECONNREFUSED)`)
  }, 30_000)

  it('writes the report with --json, exits 0 when probes disagree, and cleans up', async () => {
    // Not the defaults: still a report, not a failure; and a notice per task, over a hundred,
    // with deleted messages staying listed, is the hardest cleanup.
    const e = (emulator = await new ChatworkEmulator({
      ...FAST,
      profile: { deleted: 'marker' }
    }).start())
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'contract-')), 'report.json')
    const result = await cli(
      {
        CHATWORK_CONTRACT_TOKEN: DEFAULT_TOKEN,
        CHATWORK_CONTRACT_TOKEN_2: OTHER_TOKEN,
        CHATWORK_CONTRACT_ROOM: String(ROOM),
        CHATWORK_CONTRACT_API: e.url
      },
      ['--json', file]
    )
    expect(result.code, result.stderr).toBe(0)
    const report = JSON.parse(readFileSync(file, 'utf8')) as unknown[]
    expect(report).toHaveLength(PROBES.length)
    expect(report).toContainEqual({
      id: 'deleted-message',
      observed: 'stays, body [deleted]',
      profile: 'deleted=marker'
    })
    for (const item of report)
      expect(Object.keys(item as object).sort()).toEqual(['id', 'observed', 'profile'])
    expect(result.stdout).toContain('deleted-message')
    expect(result.stdout).not.toContain(DEFAULT_TOKEN)
    expectCleanedUp(e, 101)
  }, 60_000)
})

interface Step {
  if?: string
  uses?: string
  run?: string
  with?: Record<string, string>
}

describe('.github/workflows/contract.yml', () => {
  const workflow = load(
    readFileSync(path.join(ROOT, '.github/workflows/contract.yml'), 'utf8')
  ) as {
    on: Record<string, unknown>
    jobs: Record<string, { env: Record<string, string>; steps: Step[] }>
  }
  const job = Object.values(workflow.jobs)[0]

  it('runs by hand and weekly, with the secret in the job env, every step skipped without it', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['schedule', 'workflow_dispatch'])
    expect(job?.env.CHATWORK_CONTRACT_TOKEN).toBe('${{ secrets.CHATWORK_CONTRACT_TOKEN }}')
    const [notice, ...rest] = job?.steps ?? []
    expect(notice?.if).toBe("env.CHATWORK_CONTRACT_TOKEN == ''")
    for (const step of rest) expect(step.if).toMatch(/env\.CHATWORK_CONTRACT_TOKEN != ''$/)
  })

  it('uploads the report that the suite writes', () => {
    const steps = job?.steps ?? []
    const command = steps.find(s => s.run?.includes('npm run contract'))?.run ?? ''
    const file = /--json (\S+)/.exec(command)?.[1]
    const upload = steps.find(s => s.uses?.startsWith('actions/upload-artifact@'))
    expect(file).toBeDefined()
    expect(upload?.with?.path).toBe(file)
    expect(upload?.if).toMatch(/^always\(\) && /)
  })
})
