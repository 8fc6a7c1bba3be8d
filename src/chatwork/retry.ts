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
 * The policy is plain data (retry-policy.ts); what the rate-limit headers say is rate-limit.ts's;
 * time (`clock`) and chance (`random`) are passed in.
 */
import { STATUS_CODES } from 'node:http'
import type { Clock } from '../clock.js'
import { ChatworkHttpError, NetworkError, UnconfirmedError, messageOf } from '../errors.js'
import { seconds } from '../format.js'
import type { ApiRequest, ApiResponse, Transport } from './http.js'
import { MessageLimitation } from './limitation.js'
import { RateLimits, type RateLimitState } from './rate-limit.js'
import type { RetryPolicy } from './retry-policy.js'
import { preview, readErrors } from './answers.js'
export type { RateLimitState } from './rate-limit.js'

/** What a request came to: Chatwork's answer, or what the reconciliation found. */
type SendOutcome<T> = { kind: 'answered'; response: ApiResponse } | { kind: 'found'; value: T }

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
  /** Whether an answer said that Chatwork hides older messages. */
  readonly limitation: MessageLimitation
  private readonly rateLimits: RateLimits

  constructor(
    private readonly transport: Transport,
    private readonly options: EngineOptions
  ) {
    this.limitation = new MessageLimitation(options.warn)
    this.rateLimits = new RateLimits(options)
  }

  /** The newest `x-ratelimit-*` values seen. */
  get rateLimit(): RateLimitState | undefined {
    return this.rateLimits.state
  }

  /**
   * Sends until Chatwork answers with a 2xx; `reconcile` makes a non-idempotent request safe;
   * `override` changes the engine's policy for this request only.
   */
  async send<T = never>(
    request: ApiRequest,
    reconcile?: () => Promise<T | undefined>,
    override?: Partial<RetryPolicy>
  ): Promise<SendOutcome<T>> {
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
          const wait = this.rateLimits.waitAfter(response)
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
      this.rateLimits.observe(response)
      this.limitation.observe(response)
      const rateLimit = this.rateLimits.describe()
      debug(`${what}: ${response.status} in ${clock.now() - started} ms${rateLimit}`)
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
