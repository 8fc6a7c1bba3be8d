/**
 * The retry policy as plain data: what the engine (retry.ts) retries, how long it waits, and
 * whether a request that may have reached Chatwork is sent again.
 */
import { Input } from '../constants.js'
import { DEFAULTS } from '../inputs/action-inputs.js'
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
  retries: Number(DEFAULTS[Input.retries]),
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
