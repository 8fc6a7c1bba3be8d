/**
 * The repository's own workflows and Dependabot config: pinned, least-privilege, and the CI job
 * that runs the action with `uses: ./` replayed here step by step against the emulator.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { readFile, readdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { load } from 'js-yaml'
import {
  BOB_TOKEN,
  CAROL_TOKEN,
  DEFAULT_TOKEN,
  OTHER_TOKEN,
  ROOM,
  seedDemoRoom
} from '../tools/emulator/index.js'
import { GITHUB_ENV, ROOT, readActionYaml, runAction } from '../tools/run-action.js'
import { useEmulator } from './support/e2e.js'
import { refusedPort } from './support/ports.js'

/** The emulator the local runs, the demo and the replayed CI job talk to, reset before each test. */
const server = useEmulator()

interface Step {
  id?: string
  uses?: string
  run?: string
  with?: Record<string, string>
  env?: Record<string, string>
}
interface Workflow {
  permissions?: Record<string, string>
  jobs: Record<string, { steps: Step[]; permissions?: Record<string, string> }>
}

const dir = path.join(ROOT, '.github/workflows')
const workflows = await Promise.all(
  (await readdir(dir)).map(async name => ({
    name,
    workflow: load(await readFile(path.join(dir, name), 'utf8')) as Workflow
  }))
)

describe('the release workflow', () => {
  const release = workflows.find(w => w.name === 'release.yml')?.workflow
  const script = release?.jobs['move-major-tag']?.steps.find(s => s.run)?.run ?? ''

  /** A clone with a bare origin, a commit tagged `tag`, and v1 on an older commit. */
  function repository(tag: string): { clone: string; origin: string } {
    const base = mkdtempSync(path.join(tmpdir(), 'release-'))
    const origin = path.join(base, 'origin.git')
    const clone = path.join(base, 'clone')
    const git = (cwd: string, ...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
        cwd,
        stdio: 'pipe'
      })
    git(base, 'init', '-q', '--bare', origin)
    git(base, 'clone', '-q', origin, clone)
    git(clone, 'commit', '-q', '--allow-empty', '-m', 'one')
    git(clone, 'tag', 'v1')
    git(clone, 'commit', '-q', '--allow-empty', '-m', 'two')
    git(clone, 'tag', '-a', '-m', tag, tag)
    git(clone, 'push', '-q', 'origin', 'HEAD:main', '--tags')
    return { clone, origin }
  }

  it('moves the major tag to the published vX.Y.Z', () => {
    const { clone, origin } = repository('v1.4.2')
    const run = spawnSync('bash', ['-e', '-c', script], {
      cwd: clone,
      env: { PATH: process.env.PATH ?? '', HOME: clone, TAG: 'v1.4.2' },
      encoding: 'utf8'
    })
    expect(run.status, run.stderr).toBe(0)
    expect(run.stdout).toMatch(/^Moved v1 to v1\.4\.2 \([0-9a-f]+\)\.$/m)
    const rev = (ref: string) =>
      execFileSync('git', ['rev-parse', `${ref}^{commit}`], { cwd: origin, encoding: 'utf8' })
    expect(rev('v1')).toBe(rev('v1.4.2'))
  })

  it('refuses a tag that is not vX.Y.Z, moving nothing', () => {
    const { clone } = repository('release-2')
    const run = spawnSync('bash', ['-e', '-c', script], {
      cwd: clone,
      env: { PATH: process.env.PATH ?? '', HOME: clone, TAG: 'release-2' },
      encoding: 'utf8'
    })
    expect(run.status).toBe(1)
    expect(run.stdout).toContain("::error::The release tag 'release-2' is not vX.Y.Z")
  })
})

describe('workflows', () => {
  it('include CI, code scanning, the contract suite and the release', () => {
    expect(workflows.map(w => w.name).sort()).toEqual([
      'ci.yml',
      'codeql.yml',
      'contract.yml',
      'release.yml'
    ])
  })

  it('CI runs .ci/run: one definition of what CI checks', () => {
    const ci = workflows.find(w => w.name === 'ci.yml')?.workflow
    const runs = Object.values(ci?.jobs ?? {}).flatMap(j => j.steps.map(s => s.run))
    expect(runs).toContain('bash .ci/run')
    // On the Node .ci/run is written for (the bundle itself runs on node24 inside it).
    const setup = ci?.jobs.test?.steps.find(s => s.uses?.startsWith('actions/setup-node@'))
    expect(setup?.with?.['node-version']).toBe(20)
  })

  it.each(workflows)(
    '$name asks for the least permissions and pins every action to a SHA',
    ({ name, workflow }) => {
      // Only the release moves a tag; everything else reads.
      const least = name === 'release.yml' ? 'write' : 'read'
      expect(workflow.permissions).toEqual({ contents: least })
      for (const job of Object.values(workflow.jobs)) {
        for (const step of job.steps) {
          if (step.uses === undefined || step.uses === './') continue
          // owner/repo, or owner/repo/path (codeql-action/init), at a commit
          expect(step.uses).toMatch(/^[\w.-]+\/[\w.-]+(\/[\w.-]+)*@[0-9a-f]{40}$/)
        }
      }
    }
  )

  it('gives the action under test only inputs that action.yml declares', async () => {
    const action = await readActionYaml()
    const steps = workflows.flatMap(w => Object.values(w.workflow.jobs).flatMap(j => j.steps))
    const own = steps.filter(s => s.uses === './')
    expect(own.length).toBeGreaterThan(0)
    for (const step of own) {
      for (const name of Object.keys(step.with ?? {}))
        expect(Object.keys(action.inputs)).toContain(name)
    }
  })

  it("replays ci.yml's action job against the emulator, and its output checks pass", async () => {
    const ci = workflows.find(w => w.name === 'ci.yml')?.workflow
    const steps = ci?.jobs.action?.steps ?? []
    const emulator = server()
    seedDemoRoom(emulator)
    const outputs: Record<string, Record<string, string>> = {}
    const resolve = (text: string): string =>
      text
        .replace(
          /\$\{\{\s*steps\.([\w-]+)\.outputs\.([\w-]+)\s*\}\}/g,
          (_, id: string, name: string) => outputs[id]?.[name] ?? ''
        )
        .replace(/\$\{\{\s*github\.sha\s*\}\}/g, GITHUB_ENV.GITHUB_SHA ?? '')
        .replace('http://127.0.0.1:8787/v2', emulator.url)
    let checked = false
    for (const step of steps) {
      if (step.uses === './') {
        const inputs = Object.fromEntries(
          Object.entries(step.with ?? {}).map(([k, v]) => [k, resolve(String(v))])
        )
        const result = await runAction({ inputs })
        expect(result.exitCode, `${step.id}: ${result.stdout}`).toBe(0)
        if (step.id) outputs[step.id] = result.outputs
      } else if (step.run && step.env) {
        const env = Object.fromEntries(
          Object.entries(step.env).map(([k, v]) => [k, resolve(String(v))])
        )
        const check = spawnSync('bash', ['-c', step.run], {
          env: { PATH: process.env.PATH ?? '', ...env },
          encoding: 'utf8'
        })
        expect(check.status, check.stdout + check.stderr).toBe(0)
        expect(check.stdout).toContain('All outputs as expected.')
        checked = true
      }
    }
    expect(checked).toBe(true)
  })
})

describe('Dependabot', () => {
  it('updates npm packages and actions weekly, minor and patch grouped', async () => {
    const config = load(await readFile(path.join(ROOT, '.github/dependabot.yml'), 'utf8')) as {
      updates: {
        'package-ecosystem': string
        groups: Record<string, { 'update-types': string[] }>
      }[]
    }
    expect(config.updates.map(u => u['package-ecosystem']).sort()).toEqual([
      'github-actions',
      'npm'
    ])
    for (const update of config.updates) {
      expect(Object.values(update.groups).map(g => g['update-types'])).toContainEqual([
        'minor',
        'patch'
      ])
    }
  })
})

/**
 * `tsx FILE ARGS...`, as the npm scripts run it, spawned as node with tsx's loader: the same
 * run without the tsx command's parent process, about 100 ms of CPU less each.
 */
const tsx = (...args: string[]): [string, string[]] => [
  process.execPath,
  ['--import', 'tsx', ...args]
]

/** `npm run local -- FILE`, waited for without blocking this process. */
function runLocal(
  envFile: string
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise(resolve => {
    const child = spawn(...tsx('scripts/local.ts', envFile), { cwd: ROOT })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('close', status => resolve({ status, stdout, stderr }))
  })
}

describe('contributor setup', () => {
  it('npm run local without the emulator says to start it before it runs the action, without a stack trace', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'local-'))
    const envFile = path.join(dir, '.env')
    const url = `http://127.0.0.1:${await refusedPort()}/v2`
    await writeFile(envFile, `INPUT_TOKEN=x\nINPUT_API-BASE-URL=${url}\n`)
    const started = performance.now()
    const run = spawnSync(...tsx('scripts/local.ts', envFile), {
      cwd: ROOT,
      encoding: 'utf8'
    })
    // It checks the port before it starts the action, so it never waits out the action's
    // retries; tsx's own start-up can take seconds on a busy machine.
    expect(performance.now() - started).toBeLessThan(15_000)
    expect(run.status).toBe(1)
    expect(run.stderr).toContain(
      `Nothing is listening at ${new URL(url).host}, the api-base-url in ${envFile}. Start the emulator in another terminal with: npm run emulator -- --port`
    )
    expect(run.stderr).not.toMatch(/\n\s+at /)
    const missing = spawnSync(...tsx('scripts/local.ts', path.join(dir, 'none')), {
      cwd: ROOT,
      encoding: 'utf8'
    })
    expect(missing.stderr).toContain('copy .env.example to')
  })

  it('npm run local reads quoted multi-line values and the event file that .env names', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'local-'))
    const envFile = path.join(dir, '.env')
    const emulator = server()
    await writeFile(
      envFile,
      [
        `INPUT_TOKEN=${DEFAULT_TOKEN}`,
        `INPUT_ROOM-ID=${ROOM}`,
        `INPUT_API-BASE-URL=${emulator.url}`,
        'INPUT_MESSAGE="Pushed: {{ github.event.head_commit.message }}',
        '[code]line one\\nline two[/code]"',
        'GITHUB_EVENT_NAME=push',
        'GITHUB_EVENT_PATH=test/fixtures/events/push.json'
      ].join('\n')
    )
    // Not spawnSync: the emulator answers from this process's event loop.
    const run = await runLocal(envFile)
    expect(run.status, run.stdout + run.stderr).toBe(0)
    expect(emulator.messages(ROOM).at(-1)?.body).toBe(
      'Pushed: Adding a .gitignore file\n[code]line one\nline two[/code]'
    )
    await writeFile(envFile, 'INPUT_TOKEN=x\nGITHUB_EVENT_PATH=no/such.json\n')
    const broken = spawnSync(...tsx('scripts/local.ts', envFile), { cwd: ROOT, encoding: 'utf8' })
    expect(broken.status).toBe(1)
    expect(broken.stderr).toContain(`GITHUB_EVENT_PATH in ${envFile} is "no/such.json"`)
    expect(broken.stderr).not.toMatch(/\n\s+at /)
  })

  it('npm run local shows debug lines only with RUNNER_DEBUG=1, as the runner does', async () => {
    const emulator = server()
    seedDemoRoom(emulator)
    const dir = mkdtempSync(path.join(tmpdir(), 'local-'))
    const example = await readFile(path.join(ROOT, '.env.example'), 'utf8')
    expect(example).toMatch(/^RUNNER_DEBUG=0$/m)
    const local = async (debug: string) => {
      const envFile = path.join(dir, `.env.${debug}`)
      await writeFile(
        envFile,
        example
          .replace(/^RUNNER_DEBUG=.*$/m, `RUNNER_DEBUG=${debug}`)
          .replace(/^INPUT_API-BASE-URL=.*$/m, `INPUT_API-BASE-URL=${emulator.url}`)
      )
      // Not spawnSync: the emulator answers from this process's event loop.
      const run = await runLocal(envFile)
      expect(run.status, run.stdout + run.stderr).toBe(0)
      return run.stdout
    }
    const quiet = await local('0')
    expect(quiet).toContain('Sent message ')
    expect(quiet).not.toContain('::debug::')
    expect(await local('1')).toMatch(/^::debug::POST \/rooms\/335028121\/messages/m)
  })

  it('npm run emulator prints every token, admins too, and the rooms, so a person can answer a gate', async () => {
    const child = spawn(...tsx('scripts/emulator.ts', '--port', '0'), { cwd: ROOT })
    let text = ''
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        text += chunk.toString()
        if (text.includes('/approve')) resolve()
      })
      child.on('error', reject)
      setTimeout(() => reject(new Error(`no listing: ${text}`)), 10_000)
    }).finally(() => child.kill('SIGTERM'))
    expect(text).toContain(`${DEFAULT_TOKEN}  Deploy Bot (1001, admin of ${ROOM}): use it as`)
    expect(text).toContain(`${OTHER_TOKEN}  Alice Tanaka (2002, member of ${ROOM}): answers a gate`)
    expect(text).toContain(`${BOB_TOKEN}  Bob Suzuki (3003, member of ${ROOM}): answers a gate`)
    expect(text).toContain(`${CAROL_TOKEN}  Carol Sato (4004, admin of ${ROOM}): answers a gate`)
    expect(text).toContain('335028121  Releases: 1001 admin, 2002 member')
  })

  it('the emulator answers 404 for paths without /v2, as Chatwork does', async () => {
    const emulator = server()
    const root = emulator.url.replace(/\/v2$/, '')
    const headers = { 'X-ChatWorkToken': DEFAULT_TOKEN }
    expect((await fetch(`${root}/me`, { headers })).status).toBe(404)
    expect((await fetch(`${root}/v2/me`, { headers })).status).toBe(200)
  })

  it('.env.example sets every input that has a default, under the name the runner uses', async () => {
    const action = await readActionYaml()
    const example = await readFile(path.join(ROOT, '.env.example'), 'utf8')
    for (const [name, spec] of Object.entries(action.inputs)) {
      if (spec.default !== undefined || spec.required) {
        expect(example).toMatch(new RegExp(`^INPUT_${name.toUpperCase()}=`, 'm'))
      }
    }
  })

  it('npm run all formats, lints, tests and bundles, in that order', async () => {
    const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>
    }
    expect(pkg.scripts.all).toBe('npm run format && npm run lint && npm test && npm run bundle')
    expect(pkg.scripts.local).toBe('tsx scripts/local.ts')
  })
})
