/**
 * Who may answer a gate, by GitHub login as well as by account id: `from-account-ids` through
 * `account-map`, and `exclude-initiator` (the people who started the run never approve it).
 * Both fail closed: a login the map lacks is an error before any request, because an allow-list
 * that lost its names would otherwise become "anyone", and an initiator who cannot be excluded
 * would approve their own run.
 */
import * as runner from '../runner.js'
import { Input } from '../constants.js'
import { InputError } from '../errors.js'
import { quote, plural } from '../format.js'
import { isAccountId, splitList } from './parse.js'
import { LOGIN, type AccountMap } from './recipients.js'

/** Someone who started the run, and the Chatwork account that stands for them. */
export interface Initiator {
  login: string
  accountId: string
}

/** `from-account-ids`: account ids as they are, logins through the map; every one resolved. */
export function resolveFromAccounts(value: string, map: AccountMap | undefined): string[] {
  const ids: string[] = []
  const missing: string[] = []
  for (const item of splitList(value)) {
    if (isAccountId(item)) {
      ids.push(item)
      continue
    }
    const login = item.replace(/^@/, '')
    if (!map || !LOGIN.test(login)) {
      throw new InputError(
        `Input '${Input.fromAccountIds}' has ${quote(item)}; expected Chatwork account ids (digits only)${map ? ` or GitHub logins from ${Input.accountMap}` : `, or GitHub logins when '${Input.accountMap}' is set`}, separated by commas or newlines.`
      )
    }
    const id = map.get(login.toLowerCase())
    if (id === undefined) missing.push(login)
    else ids.push(id)
  }
  if (missing.length > 0) {
    throw new InputError(
      `Input '${Input.fromAccountIds}': ${missing.map(quote).join(', ')} ${plural(missing.length, 'is', 'are')} not in '${Input.accountMap}'. Only the people it names may answer, so a name it cannot resolve is refused rather than dropped: add ${plural(missing.length, 'it', 'them')} to the map, or write the Chatwork account id. Nothing was sent.`
    )
  }
  return [...new Set(ids)]
}

/**
 * `exclude-initiator: true`: the accounts of `github.actor` and `github.triggering_actor` (a
 * re-run's actor), from the map. A bot login (`…[bot]`) has no Chatwork account: it is named in
 * the log and left out.
 */
export function resolveInitiators(
  map: AccountMap | undefined,
  env: NodeJS.ProcessEnv
): Initiator[] {
  if (!map) {
    throw new InputError(
      `Input '${Input.excludeInitiator}' is 'true' and '${Input.accountMap}' is not set: the initiator is known by GitHub login, and only the map says which Chatwork account is theirs. Set '${Input.accountMap}' (with the people who may start this workflow), or set '${Input.excludeInitiator}' to 'false'.`
    )
  }
  const logins = [env.GITHUB_ACTOR, env.GITHUB_TRIGGERING_ACTOR]
    .map(login => login?.trim() ?? '')
    .filter(login => login !== '')
  if (logins.length === 0) {
    throw new InputError(
      `Input '${Input.excludeInitiator}' is 'true', but neither GITHUB_ACTOR nor GITHUB_TRIGGERING_ACTOR is set: there is no initiator to exclude. Run the step in a GitHub Actions job.`
    )
  }
  const initiators: Initiator[] = []
  for (const login of new Set(logins.map(l => l.toLowerCase()))) {
    const shown = logins.find(l => l.toLowerCase() === login) ?? login
    if (login.endsWith('[bot]')) {
      runner.info(
        `'${Input.excludeInitiator}': ${quote(shown)} is a bot, with no Chatwork account to exclude.`
      )
      continue
    }
    const accountId = map.get(login)
    if (accountId === undefined) {
      throw new InputError(
        `Input '${Input.excludeInitiator}' is 'true', and the initiator ${quote(shown)} is not in '${Input.accountMap}': their Chatwork account cannot be excluded, so they could approve their own run. Add ${quote(shown)} to the map. Nothing was sent.`
      )
    }
    if (!initiators.some(i => i.accountId === accountId)) {
      initiators.push({ login: shown, accountId })
    }
  }
  return initiators
}
