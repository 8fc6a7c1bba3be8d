/**
 * What every mode reads: the token (masked the moment it is read), the proxy's credentials
 * (masked before anything else is read), the API's URL, timeouts, retries and the switches.
 */
import * as runner from '../runner.js'
import { Input } from '../constants.js'
import { InputError } from '../errors.js'
import { parseBaseUrl, parseBoolean, parseInteger, parseProxy } from './parse.js'
import { PROXY_VARIABLES, proxySecrets } from './proxy-credentials.js'
import type { CommonSettings } from './settings.js'
import { input, read } from './source.js'

/** The longest per-request timeout accepted: a step should not hang for more than 10 minutes. */
const MAX_TIMEOUT_SECONDS = 600
const MAX_RETRIES = 20

/** The settings every mode has, but the token: read first, by readToken. */
export function readCommon(token: string): CommonSettings {
  return {
    token,
    apiBaseUrl: parseBaseUrl(read(Input.apiBaseUrl)),
    timeoutMs:
      parseInteger(Input.timeoutSeconds, read(Input.timeoutSeconds), 1, MAX_TIMEOUT_SECONDS) * 1000,
    retries: parseInteger(Input.retries, read(Input.retries), 0, MAX_RETRIES),
    failOnError: parseBoolean(Input.failOnError, read(Input.failOnError)),
    dryRun: parseBoolean(Input.dryRun, read(Input.dryRun)),
    proxy: parseProxy(input(Input.proxy))
  }
}

/**
 * The credentials of the `proxy` input and of the environment's proxies (HTTPS_PROXY,
 * HTTP_PROXY, which @actions/http-client reads when the input is empty) are masked at once,
 * like the token: the whole user name and password, in every form they could be printed.
 */
export function maskProxyCredentials(): void {
  const values = [input(Input.proxy), ...PROXY_VARIABLES.map(name => process.env[name])]
  const secrets = new Set(values.flatMap(value => (value ? proxySecrets(value) : [])))
  for (const secret of secrets) runner.setSecret(secret)
}

/**
 * Why a secret that is set can still read as empty, for this run: GitHub gives Dependabot's
 * runs only Dependabot secrets, and runs of a pull request from a fork no secrets at all.
 */
function whySecretsAreEmpty(env: NodeJS.ProcessEnv): string {
  const actors = [env.GITHUB_ACTOR, env.GITHUB_TRIGGERING_ACTOR]
  if (actors.includes('dependabot[bot]')) {
    return 'If the secret is set: this run was started by Dependabot, whose runs get only Dependabot secrets; add the token under Settings > Secrets and variables > Dependabot too.'
  }
  if (env.GITHUB_HEAD_REF) {
    return 'If the secret is set: runs of a pull request from a fork get no secrets; post from a workflow that runs on the base repository (e.g. on push, or workflow_run after this one).'
  }
  return 'If the secret is set: it reads as empty in runs from forks and by Dependabot, and when it belongs to an environment the job does not name.'
}

export function readToken(): string {
  const token = input(Input.token)
  if (token) runner.setSecret(token)
  if (!token) {
    throw new InputError(
      `Input '${Input.token}' is required: pass your Chatwork API token from a secret, e.g. token: \${{ secrets.CHATWORK_API_TOKEN }}. ${whySecretsAreEmpty(process.env)}`
    )
  }
  if (!/^[\x21-\x7e]+$/.test(token)) {
    throw new InputError(
      `Input '${Input.token}' contains spaces, line breaks or non-ASCII characters (${token.length} characters; the value is not shown because it is a secret). Expected the API token exactly as Chatwork shows it: check the secret's value.`
    )
  }
  return token
}
