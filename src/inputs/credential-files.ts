/**
 * Credential files that well-known actions leave inside the job's files (GITHUB_WORKSPACE,
 * RUNNER_TEMP), where `message-file`, `file` and `account-map: @path` may otherwise read. One
 * table: a row per file, matched by its name and where it lies, each with the source that writes
 * it. A file the table names is never opened.
 */

/** Where a row's file lies: directly in one root, or anywhere inside either. */
type Where = 'GITHUB_WORKSPACE' | 'RUNNER_TEMP' | 'anywhere'

interface CredentialFile {
  /** The file's name (the last part of its real path), compared without case. */
  name: RegExp
  where: Where
  /** What the file holds, for the error. */
  holds: string
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'

const CREDENTIAL_FILES: readonly CredentialFile[] = [
  // actions/checkout (v6 and later), src/git-auth-helper.ts, getCredentialsConfigPath():
  // `path.join(RUNNER_TEMP, `git-credentials-${randomUUID()}.config`)`, the job's token as an
  // http extraheader, included from .git/config when persist-credentials is on.
  {
    name: /^git-credentials-[0-9a-f-]+\.config$/i,
    where: 'RUNNER_TEMP',
    holds: "actions/checkout's persisted credentials (the job's token)"
  },
  // actions/checkout, src/git-auth-helper.ts, configureSsh(): the `ssh-key` input written to
  // `path.join(RUNNER_TEMP, uniqueId)`, a bare UUID without extension.
  {
    name: new RegExp(`^${UUID}$`, 'i'),
    where: 'RUNNER_TEMP',
    holds: "actions/checkout's SSH private key"
  },
  // actions/setup-node, src/authutil.ts, configAuthentication(): `path.resolve(RUNNER_TEMP ||
  // process.cwd(), '.npmrc')` with the registry's `_authToken`, exported as
  // NPM_CONFIG_USERCONFIG. A project's own .npmrc may hold a token too: refused anywhere.
  {
    name: /^\.npmrc$/i,
    where: 'anywhere',
    holds: "an npm configuration with registry tokens (actions/setup-node's NPM_CONFIG_USERCONFIG)"
  },
  // google-github-actions/auth, src/main.ts and src/utils.ts generateCredentialsFilename():
  // `gha-creds-` + 16 random characters + `.json`, joined to GITHUB_WORKSPACE (deliberately not
  // RUNNER_TEMP, so that Docker actions see it), when create_credentials_file is true.
  {
    name: /^gha-creds-[0-9a-z]{16}\.json$/i,
    where: 'GITHUB_WORKSPACE',
    holds: "google-github-actions/auth's Google Cloud credentials"
  }
]

/**
 * What the file holds when the table names it, else undefined. `root` is the job root the real
 * path lies in; `relative` is the real path relative to it.
 */
export function credentialFile(root: string, relative: string[]): string | undefined {
  const name = relative[relative.length - 1] ?? ''
  const direct = relative.length === 1
  return CREDENTIAL_FILES.find(
    file => file.name.test(name) && (file.where === 'anywhere' || (direct && file.where === root))
  )?.holds
}
