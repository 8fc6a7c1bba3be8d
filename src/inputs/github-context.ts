/**
 * The variables a message template can use: `github` (named like the workflow `github` context),
 * `env` (the step's environment) and `run_url`.
 */
import { maskedValues, type Context } from '../runner.js'

export interface GithubTemplateContext {
  repository: string
  repository_owner: string
  sha: string
  ref: string
  ref_name: string
  run_id: number
  run_number: number
  run_attempt: number
  workflow: string
  job: string
  actor: string
  event_name: string
  server_url: string
  api_url: string
  graphql_url: string
  /** A pull request's head and base branches (`pull_request` events; empty otherwise). */
  head_ref: string
  base_ref: string
  /** `branch` or `tag`. */
  ref_type: string
  ref_protected: boolean
  /** Ids as strings, as the runner sets them. */
  repository_id: string
  repository_owner_id: string
  actor_id: string
  /** Who started this run (a re-run's actor; `actor` started the first). */
  triggering_actor: string
  /** `owner/repo/.github/workflows/file.yml@ref`, and the commit of that file. */
  workflow_ref: string
  workflow_sha: string
  retention_days: string
  workspace: string
  action: string
  action_repository: string
  /** The webhook payload of the event that started the workflow. */
  event: object
}

export interface TemplateContext {
  github: GithubTemplateContext
  env: Record<string, string>
  /** `{server_url}/{repository}/actions/runs/{run_id}` */
  run_url: string
}

/** `masked`: the values the action masked (the token, a proxy password), left out of `env`. */
export function buildTemplateContext(
  context: Context,
  env: NodeJS.ProcessEnv,
  masked: Iterable<string> = maskedValues()
): TemplateContext {
  const repository =
    env.GITHUB_REPOSITORY ??
    (context.payload.repository ? (context.payload.repository.full_name ?? '') : '')
  const github: GithubTemplateContext = {
    repository,
    repository_owner: env.GITHUB_REPOSITORY_OWNER ?? repository.split('/')[0] ?? '',
    sha: context.sha ?? '',
    ref: context.ref ?? '',
    ref_name: env.GITHUB_REF_NAME ?? (context.ref ?? '').replace(/^refs\/(heads|tags)\//, ''),
    run_id: context.runId,
    run_number: context.runNumber,
    run_attempt: context.runAttempt,
    workflow: context.workflow ?? '',
    job: context.job ?? '',
    actor: context.actor ?? '',
    event_name: context.eventName ?? '',
    server_url: context.serverUrl,
    api_url: context.apiUrl,
    graphql_url: context.graphqlUrl,
    head_ref: env.GITHUB_HEAD_REF ?? '',
    base_ref: env.GITHUB_BASE_REF ?? '',
    ref_type: env.GITHUB_REF_TYPE ?? '',
    ref_protected: env.GITHUB_REF_PROTECTED === 'true',
    repository_id: env.GITHUB_REPOSITORY_ID ?? '',
    repository_owner_id: env.GITHUB_REPOSITORY_OWNER_ID ?? '',
    actor_id: env.GITHUB_ACTOR_ID ?? '',
    triggering_actor: env.GITHUB_TRIGGERING_ACTOR ?? '',
    workflow_ref: env.GITHUB_WORKFLOW_REF ?? '',
    workflow_sha: env.GITHUB_WORKFLOW_SHA ?? '',
    retention_days: env.GITHUB_RETENTION_DAYS ?? '',
    workspace: env.GITHUB_WORKSPACE ?? '',
    action: env.GITHUB_ACTION ?? '',
    action_repository: env.GITHUB_ACTION_REPOSITORY ?? '',
    event: context.payload
  }
  return {
    github,
    env: stepEnvironment(env, masked),
    run_url: `${github.server_url}/${repository}/actions/runs/${github.run_id}`
  }
}

/**
 * The step's environment, without what the runner gives the action for itself: the action's own
 * `INPUT_*` variables (one of them is the token), the runner's `ACTIONS_*` variables
 * (`ACTIONS_RUNTIME_TOKEN`, `ACTIONS_ID_TOKEN_REQUEST_TOKEN`, cache and results URLs) and the
 * GitHub tokens that `gh` and other tools read (`GITHUB_TOKEN`, `GH_TOKEN`, their enterprise
 * names). A variable whose value holds a masked value, or one of those tokens, is left out
 * whatever it is called: `CHATWORK_API_TOKEN: ${{ secrets.… }}` in the job's `env:` is the
 * action's token under another name.
 */
function stepEnvironment(env: NodeJS.ProcessEnv, masked: Iterable<string>): Record<string, string> {
  const secrets = [...masked].filter(value => value !== '')
  for (const [name, value] of Object.entries(env)) {
    // A token's value, not a flag: ACTIONS_STEP_DEBUG=true must not hide every "true".
    if (value && isRunnerSecret(name) && /TOKEN/i.test(name) && value.length >= MIN_TOKEN_LENGTH) {
      secrets.push(value)
    }
  }
  const result: Record<string, string> = {}
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || isRunnerSecret(name)) continue
    if (secrets.some(secret => value.includes(secret))) continue
    result[name] = value
  }
  return result
}

/** Shorter than any token GitHub or Chatwork issues. */
const MIN_TOKEN_LENGTH = 8

const TOKEN_NAMES = new Set([
  'GITHUB_TOKEN',
  'GH_TOKEN',
  'GH_ENTERPRISE_TOKEN',
  'GITHUB_ENTERPRISE_TOKEN'
])

function isRunnerSecret(name: string): boolean {
  const upper = name.toUpperCase()
  return upper.startsWith('INPUT_') || upper.startsWith('ACTIONS_') || TOKEN_NAMES.has(upper)
}
