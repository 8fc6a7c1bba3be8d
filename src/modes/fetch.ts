/**
 * mode: fetch — read the room's latest messages into outputs. With a filter (`match`,
 * `reject-match`, `from-account-ids`, `from-roles`, `after-message-id`, `replies-to`) the
 * messages are tallied into a decision, and with `wait-timeout-seconds` the step polls until
 * there is one (an approval gate).
 */
import type { ChatworkClient } from '../chatwork/client.js'
import type { ApiRequest } from '../chatwork/http.js'
import type { RateLimitState } from '../chatwork/retry.js'
import { requests } from '../chatwork/requests.js'
import type { ChatworkMessage } from '../chatwork/answers.js'
import { GateError } from '../errors.js'
import {
  anchored,
  describeCriteria,
  hasFilters,
  pollDelay,
  tally,
  type Criteria,
  type Decision,
  type Tally
} from './gate/criteria.js'
import { anchorOf, describeWindow, oldestFirst, staleAnswerWarning } from './gate/window.js'
import { gateCriteria, lookupRequests, placeAnchor } from './gate/lookups.js'
import type { FetchSettings } from '../inputs/settings.js'
import { attempt, dryRun, type Log, type ModeDeps, type ModeResult } from './result.js'
import type { SummaryWriter } from '../errors.js'
import { counted, seconds, plural } from '../format.js'
import { fetchOutputs, reportUncounted, snippet, summarizeFetch } from './gate/report.js'
import { noDecision, rejected } from '../texts.js'

/** At most one "still waiting" line a minute. */
const PROGRESS_EVERY_MS = 60_000

/** What a caller (ask) adds to the wait: `decided` runs once, before the outcome is returned. */
interface GateHooks {
  decided?(decision: Decision, tally: Tally): Promise<void>
}

/**
 * The requests a fetch starts with, for the dry run (of fetch, and of ask's wait): the listing,
 * and with a filter the gate's look-ups, as its first look sends them.
 */
export function fetchPlan(settings: FetchSettings): ApiRequest[] {
  const { roomId, gate } = settings
  const listing = requests.listMessages(roomId, { force: !settings.unreadOnly })
  return [listing, ...(hasFilters(gate) ? lookupRequests(gate, roomId) : [])]
}

export async function fetchMessages(
  settings: FetchSettings,
  deps: ModeDeps,
  hooks: GateHooks = {}
): Promise<ModeResult> {
  const { client, clock, log } = deps
  const { roomId } = settings
  if (settings.dryRun) return dryRun(deps, fetchPlan(settings))
  if (!hasFilters(settings.gate)) return plainFetch(settings, deps, roomId)
  const { gate } = settings
  const stale = staleAnswerWarning(gate)
  if (stale) log.warning(stale)
  const seen = new Map<string, ChatworkMessage>()
  const lookAt = () => look(client, roomId, seen, { unreadOnly: settings.unreadOnly })
  const reported = new Set<string>()
  const started = clock.now()
  // The first look goes out with the look-ups, not after them; with `unread-only` it marks
  // messages read, so it waits until the look-ups have succeeded (else those would be lost).
  const looked = settings.unreadOnly
    ? await gateCriteria(gate, client, roomId, log, async () => undefined).then(async c => ({
        criteria: c.criteria,
        first: await lookAt()
      }))
    : await gateCriteria(gate, client, roomId, log, lookAt)
  const base = await placeAnchor(looked.criteria, seen, client, roomId)
  const filter = firstLook(log, settings, roomId, base, seen.values())
  let rateLimit = looked.first
  let lastProgress = started
  let slowed = false
  let result: Tally
  for (let first = true; ; first = false) {
    if (!first) rateLimit = await lookAt()
    result = tally(oldestFirst([...seen.values()]), filter)
    reportUnmatched(log, result, reported, gate.match?.source ?? '')
    reportUncounted(log, result, reported)
    const waited = clock.now() - started
    if (result.decided || gate.waitMs === 0 || waited >= gate.waitMs) break
    const paced = pollDelay(gate.pollMs, rateLimit, clock.now())
    const delay = Math.min(paced, gate.waitMs - waited)
    // Said once, when pacing adds a second or more: a few milliseconds are not felt.
    if (paced - gate.pollMs >= 1_000 && !slowed && rateLimit) {
      slowed = true
      const { remaining, quota } = rateLimit
      log.info(
        `Slowing down to spare the token's rate limit (${remaining} of ${quota} requests left in this window): next look in ${seconds(delay, 1)}.`
      )
    } else if (clock.now() - lastProgress >= PROGRESS_EVERY_MS) {
      lastProgress = clock.now()
      log.info(
        `Still waiting: ${seconds(waited)} of ${seconds(gate.waitMs)}, ${result.approvers.length} of ${counted(gate.minApprovals, 'approval')} so far, next look in ${seconds(delay)}.`
      )
    }
    await clock.sleep(delay)
  }
  const decision: Decision = result.decided?.decision ?? (gate.waitMs > 0 ? 'timed-out' : 'none')
  await hooks.decided?.(decision, result)
  return decide(log, settings, roomId, [...seen.values()], result, decision)
}

/** No filters: one look, the newest messages, no decision. */
async function plainFetch(
  settings: FetchSettings,
  { client, log }: ModeDeps,
  roomId: string
): Promise<ModeResult> {
  const seen = new Map<string, ChatworkMessage>()
  await look(client, roomId, seen, { unreadOnly: settings.unreadOnly })
  const all = oldestFirst([...seen.values()])
  const messages = all.slice(-settings.count)
  log.info(
    `Fetched ${messages.length} message(s) from room ${roomId}${settings.unreadOnly ? ' (unread only)' : ''}.`
  )
  const outputs = fetchOutputs({ messages, newest: all.at(-1), tally: undefined, decision: '' })
  return {
    outputs,
    summarize: page =>
      summarizeFetch(page, { roomId, settings, messages, tally: undefined, seen: all })
  }
}

/** After the first look: where the window starts, and the criteria line that states the rule. */
function firstLook(
  log: Log,
  { gate }: FetchSettings,
  roomId: string,
  base: Criteria,
  looked: Iterable<ChatworkMessage>
): Criteria {
  const anchor = anchorOf(gate, looked)
  log.info(
    `Looking in room ${roomId} for ${describeCriteria(gate)}${gate.waitMs > 0 ? `, for up to ${seconds(gate.waitMs)}` : ''}. ${describeWindow(gate, anchor, base.exclude)}`
  )
  return anchored(base, anchor)
}

/**
 * One look at the room; with force=0 it returns only what is new, so keep all, by id. Returns
 * the token's rate-limit state as the answer reported it, to pace the next look.
 */
async function look(
  client: ChatworkClient,
  roomId: string,
  seen: Map<string, ChatworkMessage>,
  { unreadOnly }: { unreadOnly: boolean }
): Promise<RateLimitState | undefined> {
  const { items, rateLimit } = await attempt(`fetch the messages of room ${roomId}`, () =>
    client.listMessages(roomId, { force: !unreadOnly })
  )
  for (const message of items) seen.set(message.message_id, message)
  return rateLimit
}

/** "Why didn't my reply count?" answers itself: each non-matching answer is named once. */
function reportUnmatched(log: Log, result: Tally, reported: Set<string>, pattern: string): void {
  for (const { message, text } of result.unmatched) {
    if (reported.has(message.message_id)) continue
    reported.add(message.message_id)
    log.info(
      `Message ${message.message_id} from ${snippet(message.account.name, 40)} (${message.account.account_id}) does not match ${pattern}: it says ${snippet(text, 80)}.`
    )
  }
}

function decide(
  log: Log,
  settings: FetchSettings,
  roomId: string,
  seen: ChatworkMessage[],
  result: Tally,
  decision: Decision
): ModeResult {
  const { gate } = settings
  const all = oldestFirst(seen)
  const messages = result.counted.map(a => a.message).slice(-settings.count)
  const outputs = fetchOutputs({ messages, newest: all.at(-1), tally: result, decision })
  const by = result.decided?.by
  const summarize: SummaryWriter = page =>
    summarizeFetch(page, { roomId, settings, messages, tally: result, decision, seen: all })
  const unmatched = result.unmatched.length
  const undecided = decision === 'timed-out' || decision === 'none'
  log.info(
    undecided
      ? `Decision: ${decision}: ${approvalCount(result, gate.minApprovals)} arrived; ${unmatched} message(s) from allowed accounts did not match.`
      : `Decision: ${decision}${result.approvers.length > 0 ? ` (${approverNames(result)})` : ''}.`
  )
  if (decision === 'rejected' && by && gate.failOnReject) {
    const error = new GateError(
      rejected(
        roomId,
        by.message.account.name,
        by.message.account.account_id,
        by.message.message_id,
        snippet(by.text, 200)
      ),
      outputs
    )
    error.summarize = summarize
    throw error
  }
  if (undecided && gate.failOnNoMatch) {
    const waited = gate.waitMs > 0 ? ` within ${seconds(gate.waitMs)}` : ''
    const error = new GateError(
      noDecision(
        roomId,
        waited,
        describeCriteria(gate),
        approvalCount(result, gate.minApprovals),
        unmatched
      ),
      outputs
    )
    error.summarize = summarize
    throw error
  }
  return { outputs, summarize }
}

/** "Carol Sato, 4004; Dan Ito, 4005": who approved, by name and account. */
function approverNames(result: Tally): string {
  return result.approvers
    .map(id => {
      const answer = result.counted.find(a => String(a.message.account.account_id) === id)
      return `${answer ? snippet(answer.message.account.name, 40).slice(1, -1) : 'account'}, ${id}`
    })
    .join('; ')
}

/** "1 of 2 approvals (Carol Sato, 4004)". */
function approvalCount(result: Tally, min: number): string {
  const who = result.approvers.length > 0 ? ` (${approverNames(result)})` : ''
  return `${result.approvers.length} of ${min} ${plural(min, 'approval')}${who}`
}
