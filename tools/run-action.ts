/**
 * Runs the bundled action (dist/index.js) the way GitHub's runner does: a fresh `node` process,
 * inputs as INPUT_* variables with action.yml's defaults, a GITHUB_OUTPUT and a
 * GITHUB_STEP_SUMMARY file, the GitHub context in GITHUB_* variables and an event payload file.
 * Used by the end-to-end tests, `npm run demo` and `npm run bench`.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { load } from 'js-yaml'
import { DEFAULT_TOKEN, ROOM } from './emulator/fixtures.js'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
/**
 * The bundle the runs start: dist/index.js, or CHATWORK_ACTION_ENTRY (the coverage run's
 * src/ compiled to coverage/build, see scripts/coverage.mjs).
 */
const ENTRY = process.env.CHATWORK_ACTION_ENTRY ?? path.join(ROOT, 'dist/index.js')

interface ActionYaml {
  inputs: Record<string, { default?: string; required?: boolean; description: string }>
  outputs: Record<string, { description: string }>
  runs: { using: string; main: string }
}

/** `root`'s action.yml: another checkout's, to run its bundle with its own defaults. */
export async function readActionYaml(root = ROOT): Promise<ActionYaml> {
  return load(await readFile(path.join(root, 'action.yml'), 'utf8')) as ActionYaml
}

export interface RunOptions {
  /** Inputs as a workflow's `with:` would give them. */
  inputs: Record<string, string>
  /** More environment variables (e.g. RUNNER_DEBUG, a step's `env:`). */
  env?: Record<string, string>
  /** The event payload written to GITHUB_EVENT_PATH. */
  event?: object
  /** Files to create in the workspace (GITHUB_WORKSPACE), by relative path. */
  files?: Record<string, string | Buffer>
  /**
   * The node binary to run the bundle with: CHATWORK_ACTION_NODE (e.g. Node 24, which
   * action.yml declares), else the one running this.
   */
  node?: string
  /** The script to run (default: dist/index.js), e.g. the bench's floor program. */
  entry?: string
  /** Another checkout: its action.yml's defaults and its dist/index.js (tools/record). */
  root?: string
  /** Run under GNU time (`/usr/bin/time`, Debian's `time` package) to read the peak RSS. */
  measureMemory?: boolean
  /** Symbolic links to create in the workspace: relative path to target. */
  links?: Record<string, string>
  /** Called with the workspace's path before the action starts (a FIFO, a socket there). */
  prepare?: (workspace: string) => void | Promise<void>
  /** Called with the started child, e.g. to send it SIGTERM as a cancelled run's runner does. */
  onSpawn?: (child: ChildProcess) => void
}

export interface RunResult {
  exitCode: number
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  ms: number
  /** Peak resident memory of the child in kB, when run with `measureMemory`. */
  maxRssKb: number | undefined
}

/** A GitHub context like a push to main in octo-org/octo-repo. */
export const GITHUB_ENV: Record<string, string> = {
  GITHUB_ACTIONS: 'true',
  CI: 'true',
  GITHUB_REPOSITORY: 'octo-org/octo-repo',
  GITHUB_REPOSITORY_OWNER: 'octo-org',
  GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
  GITHUB_REF: 'refs/heads/main',
  GITHUB_REF_NAME: 'main',
  GITHUB_RUN_ID: '987654321',
  GITHUB_RUN_NUMBER: '42',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_WORKFLOW: 'CI',
  GITHUB_JOB: 'build',
  GITHUB_ACTOR: 'octocat',
  GITHUB_EVENT_NAME: 'push',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_API_URL: 'https://api.github.com',
  GITHUB_GRAPHQL_URL: 'https://api.github.com/graphql',
  RUNNER_TEMP: tmpdir()
}

const DEFAULT_EVENT = {
  ref: 'refs/heads/main',
  head_commit: { message: 'Fix the build', author: { name: 'Mona Lisa' } },
  repository: { full_name: 'octo-org/octo-repo', name: 'octo-repo', owner: { login: 'octo-org' } }
}

/** Each checkout's action.yml, parsed once per process: a suite starts the bundle hundreds of times. */
const actionYamls = new Map<string, Promise<ActionYaml>>()

export async function runAction(options: RunOptions): Promise<RunResult> {
  const root = path.resolve(options.root ?? ROOT)
  let parsed = actionYamls.get(root)
  if (!parsed) {
    parsed = readActionYaml(root)
    actionYamls.set(root, parsed)
    // A failed read is not kept: the next run reads again.
    void parsed.catch(() => actionYamls.delete(root))
  }
  const action = await parsed
  const dir = await mkdtemp(path.join(tmpdir(), 'chatwork-action-'))
  const outputFile = path.join(dir, 'output')
  const summaryFile = path.join(dir, 'summary')
  const eventFile = path.join(dir, 'event.json')
  const workspace = path.join(dir, 'workspace')
  await mkdir(workspace)
  await Promise.all([
    ...Object.entries(options.files ?? {}).map(async ([name, content]) => {
      await mkdir(path.dirname(path.join(workspace, name)), { recursive: true })
      await writeFile(path.join(workspace, name), content)
    }),
    ...Object.entries(options.links ?? {}).map(([name, target]) =>
      symlink(target, path.join(workspace, name))
    ),
    writeFile(outputFile, ''),
    writeFile(summaryFile, ''),
    writeFile(eventFile, JSON.stringify(options.event ?? DEFAULT_EVENT))
  ])
  await options.prepare?.(workspace)
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
    ...GITHUB_ENV,
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_WORKSPACE: workspace,
    // A coverage run collects the children's coverage too.
    ...(process.env.NODE_V8_COVERAGE ? { NODE_V8_COVERAGE: process.env.NODE_V8_COVERAGE } : {}),
    ...options.env
  }
  for (const [name, spec] of Object.entries(action.inputs)) {
    const value = options.inputs[name] ?? spec.default ?? ''
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  }
  const started = performance.now()
  const { exitCode, stdout, stderr, maxRssKb } = await spawnNode(
    options.node ?? process.env.CHATWORK_ACTION_NODE ?? process.execPath,
    options.entry ?? (options.root ? path.join(options.root, 'dist/index.js') : ENTRY),
    env,
    { measureMemory: options.measureMemory ?? false, onSpawn: options.onSpawn }
  )
  const ms = performance.now() - started
  const [outputText, summary] = await Promise.all([
    readFile(outputFile, 'utf8'),
    readFile(summaryFile, 'utf8')
  ])
  await rm(dir, { recursive: true, force: true })
  return {
    exitCode,
    stdout,
    stderr,
    outputs: parseOutputFile(outputText),
    summary,
    ms,
    maxRssKb
  }
}

/** tsx's loader, by path: a child's working directory is its temporary workspace. */
const TSX_LOADER = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href

const RSS_MARK = '\nmax-rss-kb:'

function spawnNode(
  node: string,
  file: string,
  env: Record<string, string>,
  {
    measureMemory,
    onSpawn
  }: { measureMemory: boolean; onSpawn?: ((child: ChildProcess) => void) | undefined }
): Promise<{ exitCode: number; stdout: string; stderr: string; maxRssKb: number | undefined }> {
  // A TypeScript entry (`npm run local`, a test's fixture) runs through tsx's loader.
  const script = file.endsWith('.ts') ? ['--import', TSX_LOADER, file] : [file]
  const [command, args] = measureMemory
    ? ['/usr/bin/time', ['-f', `${RSS_MARK}%M`, node, ...script]]
    : [node, script]
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env,
      cwd: env.GITHUB_WORKSPACE,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    onSpawn?.(child)
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', code => {
      const at = measureMemory ? stderr.lastIndexOf(RSS_MARK) : -1
      const maxRssKb = at >= 0 ? Number(stderr.slice(at + RSS_MARK.length)) : undefined
      if (at >= 0) stderr = stderr.slice(0, at)
      resolve({ exitCode: code ?? -1, stdout, stderr, maxRssKb })
    })
  })
}

/** Runs the bundled action against `emulator` with the default token and room. */
export function runAgainst(
  emulator: { url: string },
  inputs: Record<string, string>,
  options: Omit<RunOptions, 'inputs'> = {}
): Promise<RunResult> {
  return runAction({
    inputs: {
      token: DEFAULT_TOKEN,
      'room-id': String(ROOM),
      'api-base-url': emulator.url,
      ...inputs
    },
    ...options
  })
}

/** Reads `name<<DELIMITER\nvalue\nDELIMITER` entries, as the runner does. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? '')
    if (match) {
      const [, name = '', delimiter] = match
      const value: string[] = []
      while (++i < lines.length && lines[i] !== delimiter) value.push(lines[i] ?? '')
      outputs[name] = value.join('\n')
    } else if (lines[i]?.includes('=')) {
      const line = lines[i] ?? ''
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1)
    }
  }
  return outputs
}
