/**
 * The retry and rate-limit engine: sends one request until it has an answer worth returning.
 *
 * - 429: wait (the server's Retry-After; else until `x-ratelimit-reset` for the token's window;
 *   else one room posting window), then send again. Bounded by time, not by `retries`.
 * - `policy.retryStatuses` (5xx), a dropped connection, a timeout: exponential backoff with
 *   jitter, at most `retries` times. Any other 4xx is never retried.
 * - A request that may have taken effect (anything but "never reached the server") is, when a
 *   `reconcile` look-up is given, checked for before it is sent again: exactly once.
 *
 * The policy is plain data; time (`clock`) and chance (`random`) are passed in.
 */
import { STATUS_CODES } from 'node:http'
import type { Clock } from '../clock.js'
import { ChatworkHttpError, NetworkError, UnconfirmedError, messageOf } from '../errors.js'
import { seconds } from '../format.js'
import type { ApiRequest, ApiResponse, Transport } from './http.js'
import { MessageLimitation } from './limitation.js'
import { preview, readErrors } from './types.js'

export interface RetryPolicy {
  /** How many times a transient failure (a retried status, network, timeout) is retried. */
  retries: number
  /** Statuses retried with backoff, from..to inclusive (5xx). */
  retryStatuses: { from: number; to: number }
  /** Delay before retry n: min(maxMs, baseMs·factor^(n-1)), scaled by 1 - jitter·random. */
  backoff: { baseMs: number; maxMs: number; factor: number; jitter: number }
  /** The longest one call waits on rate limits in all. */
  maxRateLimitWaitMs: number
  /** Waited after a room-limit 429 without Retry-After: one posting window. */
  roomPostWindowMs: number
  /** A fraction of a rate-limit wait added at random, so that waiting steps spread out. */
  rateLimitJitter: number
  /**
   * The furthest ahead a server's `Retry-After` or `x-ratelimit-reset` may point; past it the
   * header is not a rate limit (a broken proxy, a hostile server) and is ignored.
   */
  maxAnnouncedWaitMs: number
  /**
   * Whether a request that may have reached Chatwork (a timeout, a reset after sending, a
   * retried status) is sent again. false: only a request that provably never reached it (a
   * refused connection, a failed DNS look-up) or that a 429 refused is; any other failure is
   * thrown at once, so that nothing is done twice.
   */
  resendAmbiguous: boolean
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  retries: 5,
  retryStatuses: { from: 500, to: 599 },
  backoff: { baseMs: 1_000, maxMs: 30_000, factor: 2, jitter: 0.5 },
  // One whole token window of 5 minutes, plus a minute of room windows and jitter.
  maxRateLimitWaitMs: 6 * 60_000,
  // Chatwork's per-room limit: 10 posts per 10 seconds (docs/chatwork-api.md, "Limits").
  roomPostWindowMs: 10_000,
  rateLimitJitter: 0.1,
  // Chatwork's token window is 5 minutes. A day leaves room for any server that means it (a
  // wait that long then fails at once, with the rate-limit advice); later is no window.
  maxAnnouncedWaitMs: 24 * 60 * 60_000,
  resendAmbiguous: true
}

/**
 * For a request that changes something and has no look-up to tell whether it took effect
 * (`mode: api`'s POST, PUT and DELETE): sent again only when it cannot have arrived.
 */
export const NON_IDEMPOTENT_POLICY: Partial<RetryPolicy> = { resendAmbiguous: false }

export interface RateLimitState {
  limit: number
  remaining: number
  /** Unix seconds at which the window resets */
  reset: number
}

/** What a request came to: Chatwork's answer, or what the reconciliation found. */
type Sent<T> = { kind: 'answered'; response: ApiResponse } | { kind: 'found'; value: T }

interface EngineOptions {
  policy: RetryPolicy
  clock: Clock
  random: () => number
  /** Where the engine says what it waits for. */
  log: (message: string) => void
  /** Where the engine warns, once, that Chatwork hides older messages. */
  warn: (message: string) => void
  /** Each exchange, for RUNNER_DEBUG: method, path, status, duration, rate limit; no bodies. */
  debug: (message: string) => void
}

export class RetryEngine {
  /** The newest `x-ratelimit-*` values seen. */
  rateLimit: RateLimitState | undefined
  /** Whether an answer said that Chatwork hides older messages. */
  readonly limitation: MessageLimitation

  constructor(
    private readonly transport: Transport,
    private readonly options: EngineOptions
  ) {
    this.limitation = new MessageLimitation(options.warn)
  }

  /**
   * Sends until Chatwork answers with a 2xx; `reconcile` makes a non-idempotent request safe;
   * `override` changes the engine's policy for this request only.
   */
  async send<T = never>(
    request: ApiRequest,
    reconcile?: () => Promise<T | undefined>,
    override?: Partial<RetryPolicy>
  ): Promise<Sent<T>> {
    const { clock, log } = this.options
    const policy = { ...this.options.policy, ...override }
    const what = this.transport.describe(request)
    let failures = 0
    let rateLimitWaited = 0
    for (;;) {
      let failure: ChatworkHttpError | NetworkError
      const started = clock.now()
      try {
        const response = await this.exchange(request, what, started)
        if (response.status >= 200 && response.status < 300) return { kind: 'answered', response }
        const error = httpError(response, what)
        if (response.status === 429) {
          const wait = this.rateLimitWait(response)
          if (rateLimitWaited + wait > policy.maxRateLimitWaitMs) throw error
          rateLimitWaited += wait
          log(`${error.message} Waiting ${seconds(wait, 1)} before trying again.`)
          await clock.sleep(wait)
          continue
        }
        const { from, to } = policy.retryStatuses
        if (response.status < from || response.status > to) throw error
        failure = error
      } catch (error) {
        if (!(error instanceof NetworkError)) throw error
        failure = error
      }
      const ambiguous = !(failure instanceof NetworkError && failure.notSent)
      if (reconcile && ambiguous) {
        const found = await this.reconcile(reconcile, what, failure)
        if (found !== undefined) return { kind: 'found', value: found }
      }
      if (ambiguous && !policy.resendAmbiguous) throw failure
      failures += 1
      if (failures > policy.retries) throw failure
      const wait = this.backoff(failures)
      log(`${failure.message} Retry ${failures} of ${policy.retries} in ${seconds(wait, 1)}.`)
      await clock.sleep(wait)
    }
  }

  /** One exchange, described in a debug line whatever its outcome. */
  private async exchange(request: ApiRequest, what: string, started: number): Promise<ApiResponse> {
    const { clock, debug } = this.options
    try {
      const response = await this.transport.exchange(request)
      this.observeRateLimit(response)
      this.limitation.observe(response)
      const limit = this.rateLimit
        ? `; rate limit ${this.rateLimit.remaining} of ${this.rateLimit.limit} left, resets ${isoTime(this.rateLimit.reset)}`
        : ''
      debug(`${what}: ${response.status} in ${clock.now() - started} ms${limit}`)
      return response
    } catch (error) {
      debug(`${what}: no answer after ${clock.now() - started} ms (${messageOf(error)})`)
      throw error
    }
  }

  private async reconcile<T>(
    reconcile: () => Promise<T | undefined>,
    what: string,
    failure: ChatworkHttpError | NetworkError
  ): Promise<T | undefined> {
    this.options.log(
      `${failure.message} Chatwork may have processed ${what}: checking the room before sending again.`
    )
    let found: T | undefined
    try {
      found = await reconcile()
    } catch (error) {
      throw new UnconfirmedError(failure, error)
    }
    if (found !== undefined) this.options.log(`It had been posted: not sending it again.`)
    return found
  }

  private backoff(failures: number): number {
    const { baseMs, maxMs, factor, jitter } = this.options.policy.backoff
    const ceiling = Math.min(maxMs, baseMs * factor ** (failures - 1))
    return Math.round(ceiling * (1 - jitter + jitter * this.options.random()))
  }

  /**
   * How long to wait after a 429: the server's `Retry-After` when it sends one (Chatwork does
   * not document it; a proxy in front of it may); else until `x-ratelimit-reset` for the
   * token's window; else one room posting window. Each spread by jitter.
   */
  private rateLimitWait(response: ApiResponse): number {
    const { policy, clock, random } = this.options
    const spread = (ms: number) => ms + Math.round(random() * ms * policy.rateLimitJitter)
    const retryAfter = this.retryAfterMs(response)
    if (retryAfter !== undefined) return spread(retryAfter)
    const isRoomLimit = readErrors(response.text).some(e => /per room/i.test(e))
    const reset = this.resetSeconds(response)
    if (!isRoomLimit && reset !== undefined && reset > 0) {
      return Math.max(0, reset * 1000 - clock.now()) + Math.round(random() * 1000)
    }
    // The room's window frees its slots one window after they were taken: waiting a whole
    // window, spread a little, lets a burst of posters through in as few rounds as the limit
    // allows, without polling that would spend the token's request budget.
    return spread(policy.roomPostWindowMs)
  }

  /**
   * Only well-formed values within range become state: a header is the server's claim, and a
   * wrong one (huge, negative, not a number) must never turn an answer into a failure.
   */
  private observeRateLimit(response: ApiResponse): void {
    const limit = this.count(response, 'x-ratelimit-limit')
    const remaining = this.count(response, 'x-ratelimit-remaining')
    const reset = this.resetSeconds(response)
    if (limit !== undefined && remaining !== undefined && reset !== undefined) {
      this.rateLimit = { limit, remaining, reset }
    }
  }

  /** `Retry-After` in whole seconds, as ms; undefined when absent or out of range. */
  private retryAfterMs(response: ApiResponse): number | undefined {
    const value = header(response, 'retry-after')
    if (value === undefined) return undefined
    const ms = /^\s*\d{1,10}\s*$/.test(value) ? Number(value) * 1000 : NaN
    if (ms <= this.options.policy.maxAnnouncedWaitMs) return ms
    const max = seconds(this.options.policy.maxAnnouncedWaitMs)
    this.ignored('retry-after', value, `whole seconds, at most ${max}`)
    return undefined
  }

  /** `x-ratelimit-reset` (Unix seconds) when it is an integer no further ahead than allowed. */
  private resetSeconds(response: ApiResponse): number | undefined {
    const value = header(response, 'x-ratelimit-reset')
    if (value === undefined) return undefined
    const unix = /^\s*\d{1,12}\s*$/.test(value) ? Number(value) : NaN
    const latest = this.options.clock.now() + this.options.policy.maxAnnouncedWaitMs
    if (unix * 1000 <= latest) return unix
    const max = seconds(this.options.policy.maxAnnouncedWaitMs)
    this.ignored('x-ratelimit-reset', value, `Unix seconds, at most ${max} from now`)
    return undefined
  }

  /** A count header (`x-ratelimit-limit`, `-remaining`): a non-negative integer. */
  private count(response: ApiResponse, name: string): number | undefined {
    const value = header(response, name)
    if (value === undefined) return undefined
    if (/^\s*\d{1,9}\s*$/.test(value)) return Number(value)
    this.ignored(name, value, 'a non-negative integer')
    return undefined
  }

  private ignored(name: string, value: string, expected: string): void {
    this.options.debug(
      `Ignored the response header ${name}: ${preview(value)}; expected ${expected}.`
    )
  }
}

function header(response: ApiResponse, name: string): string | undefined {
  const value = response.headers[name]
  return Array.isArray(value) ? value[0] : value
}

function httpError(response: ApiResponse, what: string): ChatworkHttpError {
  const errors = readErrors(response.text)
  const said =
    errors.length > 0 ? errors.map(e => JSON.stringify(e)).join(', ') : preview(response.text)
  return new ChatworkHttpError(
    response.status,
    errors,
    `Chatwork answered ${what} with ${response.status} ${STATUS_CODES[response.status] ?? ''}: ${said}.`,
    response.text
  )
}

/** A server's time for a log line; one out of Date's range is shown as the server sent it. */
function isoTime(unixSeconds: number): string {
  const date = new Date(unixSeconds * 1000)
  return Number.isNaN(date.getTime()) ? String(unixSeconds) : date.toISOString()
}
