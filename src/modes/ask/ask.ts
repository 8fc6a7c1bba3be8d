/**
 * mode: ask — post the question, then wait for Replies to it with the gate (fetch's loop, the
 * question's id as the anchor and the message answers must reply to), and tell the room what
 * was decided with a Reply to the question (`announce-decision`). With `match` / `reject-match`
 * empty, the default words count (words.ts).
 */
import { requests } from '../../chatwork/requests.js'
import { composeMessage, messageBody } from '../../message/compose.js'
import { Input, MAX_LISTED, Output } from '../../constants.js'
import { DeliveryError, GateError, messageOf } from '../../errors.js'
import { replyHeader } from '../../chatwork/notation.js'
import type { AskSettings } from '../../inputs/ask.js'
import type { FetchSettings } from '../../inputs/settings.js'
import type { TemplateContext } from '../../inputs/github-context.js'
import type { Clock } from '../../clock.js'
import { fetchMessages, fetchPlan } from '../fetch.js'
import { announcement, type Outcome } from './announce.js'
import type { Tally } from '../gate/criteria.js'
import { withDefaultWords } from './words.js'
import { attempt, dryRun, messageLink, type ModeDeps, type ModeResult } from '../result.js'

/** How long a cancelled run tries to announce it: the runner kills the step soon after. */
const CANCEL_ANNOUNCE_MS = 4_000
const SIGNALS = ['SIGINT', 'SIGTERM'] as const

export async function ask(
  settings: AskSettings,
  deps: ModeDeps,
  context: TemplateContext
): Promise<ModeResult> {
  const { roomId } = settings
  const question = await composeMessage(settings, context, message => deps.log.warning(message))
  if (settings.dryRun) {
    const post = requests.postMessage(roomId, question, { selfUnread: false })
    return dryRun(deps, [post, ...fetchPlan(waitingFor(settings, '(the question)'))], question)
  }
  // Listening from before the post: a signal while it is under way is announced once it is in.
  const cancel = settings.announceDecision ? cancellation(deps.clock) : undefined
  let id: string
  try {
    id = await postQuestion(deps, roomId, question)
  } catch (error) {
    cancel?.stop()
    throw error
  }
  const waiting = waitingFor(settings, id)
  const asked = { [Output.messageId]: id, [Output.messageUrl]: messageLink(roomId, id) }
  const announce = (outcome: Outcome, tally: Tally | undefined) =>
    settings.announceDecision
      ? postAnnouncement(
          deps,
          settings,
          id,
          announcement(settings.language, {
            outcome,
            tally,
            minApprovals: waiting.gate.minApprovals,
            waitMs: waiting.gate.waitMs
          })
        )
      : Promise.resolve()
  try {
    const waited = fetchMessages(
      waiting,
      { ...deps, clock: cancel?.clock ?? deps.clock },
      {
        decided: (outcome, tally) => {
          // An answer that arrives after the signal is not announced: the run is cancelled.
          if (cancel?.cancelled()) return Promise.resolve()
          cancel?.stop()
          return announce(outcome, tally)
        }
      }
    )
    const result = await (cancel ? Promise.race([waited, cancel.signalled]) : waited)
    return { ...result, outputs: { ...result.outputs, ...asked } }
  } catch (error) {
    if (error instanceof Cancelled) {
      await withinMs(announce('cancelled', undefined), CANCEL_ANNOUNCE_MS)
      // A look still in flight must not hold the step: once the failure is reported, exit.
      setTimeout(() => process.exit(1), CANCEL_ANNOUNCE_MS).unref()
      throw new GateError(
        `Cancelled (${error.signal}) while waiting for a Reply to message ${id} in room ${roomId}.${settings.announceDecision ? ' The room was told.' : ''}`,
        { ...asked, [Output.decision]: '' }
      )
    }
    if (error instanceof GateError || error instanceof DeliveryError) {
      Object.assign(error.outputs, asked)
    }
    throw error
  } finally {
    cancel?.stop()
  }
}

/** The question, exactly once; without its id no answer could be recognised. */
async function postQuestion(deps: ModeDeps, roomId: string, body: string): Promise<string> {
  const since = deps.clock.now()
  const id = await attempt(`send the question to room ${roomId}`, () =>
    deps.client.postMessage(roomId, body, { selfUnread: false, since })
  )
  if (id === undefined) {
    throw new DeliveryError(
      `Sent the question to room ${roomId} (Chatwork accepted it), but its id is unknown: Chatwork's answer had none, and the room does not show it, so no Reply to it can be recognised. It was not sent again; find it in the room and wait for answers with mode 'fetch' and '${Input.repliesTo}'.`
    )
  }
  deps.log.info(
    `Asked in room ${roomId}: message ${id}, ${messageLink(roomId, id)}. Only a Reply to it counts (press Reply on the question).`
  )
  return id
}

/**
 * A Reply to the question, exactly once (the client's post with its look-up). A failure is a
 * warning: the decision and the outputs stand.
 */
async function postAnnouncement(
  deps: ModeDeps,
  settings: AskSettings,
  questionId: string,
  text: string
): Promise<void> {
  const { roomId } = settings
  try {
    const me = await deps.client.getMe()
    const body = messageBody(
      { mentions: '', content: text, text, source: Input.message },
      { reply: replyHeader(me, roomId, questionId) }
    )
    const since = deps.clock.now()
    const id = await attempt(`announce the decision in room ${roomId}`, () =>
      deps.client.postMessage(roomId, body, { selfUnread: false, since })
    )
    deps.log.info(`Announced in room ${roomId}${id ? ` (message ${id})` : ''}: ${text}`)
  } catch (error) {
    deps.log.warning(
      `Could not announce the decision in room ${roomId}: ${messageOf(error)} The decision and the outputs stand.`
    )
  }
}

class Cancelled extends Error {
  constructor(readonly signal: string) {
    super(`cancelled by ${signal}`)
  }
}

/**
 * SIGINT/SIGTERM (the run was cancelled) while waiting: `signalled` rejects with Cancelled, and
 * the gate's next sleep does too, so the loop stops. A second signal exits at once.
 */
function cancellation(clock: Clock) {
  let cancelled: Cancelled | undefined
  let reject: (error: Cancelled) => void = () => {}
  const signalled = new Promise<never>((_resolve, fail) => (reject = fail))
  signalled.catch(() => {})
  const sleepers = new Set<(error: Cancelled) => void>()
  const handler = (signal: string) => {
    if (cancelled) process.exit(1)
    cancelled = new Cancelled(signal)
    for (const wake of sleepers) wake(cancelled)
    reject(cancelled)
  }
  for (const signal of SIGNALS) process.on(signal, handler)
  const stop = () => {
    for (const signal of SIGNALS) process.off(signal, handler)
  }
  // Its own timer, not the given clock's: a pending sleep must end at the signal, or it would hold
  // the process until the next look.
  const wrapped: Clock = {
    now: () => clock.now(),
    sleep: ms =>
      new Promise<void>((resolve, fail) => {
        if (cancelled) return fail(cancelled)
        const timer = setTimeout(() => {
          sleepers.delete(wake)
          resolve()
        }, ms)
        const wake = (error: Cancelled) => {
          clearTimeout(timer)
          fail(error)
        }
        sleepers.add(wake)
      })
  }
  return { clock: wrapped, signalled, stop, cancelled: () => cancelled !== undefined }
}

function withinMs(work: Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const bound = new Promise<void>(resolve => (timer = setTimeout(resolve, ms)))
  return Promise.race([work, bound]).finally(() => clearTimeout(timer))
}

/** The wait for answers: fetch's gate (the default words without a pattern), Replies to `id`. */
function waitingFor(settings: AskSettings, id: string): FetchSettings {
  const gate = { ...withDefaultWords(settings.gate), repliesTo: id, afterMessageId: id }
  return { ...settings, mode: 'fetch', unreadOnly: false, count: MAX_LISTED, gate }
}
