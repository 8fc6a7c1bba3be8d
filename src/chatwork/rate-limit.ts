/**
 * The token's rate limit as the answers' headers tell it (`x-ratelimit-*`, `Retry-After`), and
 * how long the engine (retry.ts) waits after a 429. A header is the server's claim: only
 * well-formed values within the policy's range are believed; the others are ignored, in a debug
 * line.
 */
import type { Clock } from '../clock.js'
import { seconds } from '../format.js'
import type { ApiResponse } from './http.js'
import type { RetryPolicy } from './retry-policy.js'
import { preview, readErrors } from './answers.js'

export interface RateLimitState {
  /** Requests a window allows (`x-ratelimit-limit`). */
  quota: number
  remaining: number
  /** Unix seconds at which the window resets */
  reset: number
}

interface RateLimitOptions {
  policy: RetryPolicy
  clock: Clock
  random: () => number
  /** Where an ignored header is described. */
  debug: (message: string) => void
}

export class RateLimits {
  /** The newest `x-ratelimit-*` values seen. */
  state: RateLimitState | undefined

  constructor(private readonly options: RateLimitOptions) {}

  /** The state for a debug line: empty until one is known. */
  describe(): string {
    return this.state
      ? `; rate limit ${this.state.remaining} of ${this.state.quota} left, resets ${isoTime(this.state.reset)}`
      : ''
  }

  /**
   * How long to wait after a 429: the server's `Retry-After` when it sends one (Chatwork does
   * not document it; a proxy in front of it may); else until `x-ratelimit-reset` for the
   * token's window; else one room posting window. Each spread by jitter.
   */
  waitAfter(response: ApiResponse): number {
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
  observe(response: ApiResponse): void {
    const quota = this.count(response, 'x-ratelimit-limit')
    const remaining = this.count(response, 'x-ratelimit-remaining')
    const reset = this.resetSeconds(response)
    if (quota !== undefined && remaining !== undefined && reset !== undefined) {
      this.state = { quota, remaining, reset }
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

/** A server's time for a log line; one out of Date's range is shown as the server sent it. */
function isoTime(unixSeconds: number): string {
  const date = new Date(unixSeconds * 1000)
  return Number.isNaN(date.getTime()) ? String(unixSeconds) : date.toISOString()
}
