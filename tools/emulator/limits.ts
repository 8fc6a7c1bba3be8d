/**
 * Chatwork's limits: requests per token, posts per room, the length of a body, the size of a
 * file, and how many items a list holds.
 */
import type { Profiles } from './profile.js'
import { errors, type Reply } from './wire.js'

export interface Window {
  /** requests allowed per window */
  max: number
  /** window length in milliseconds */
  windowMs: number
}

const MAX_BODY = 65535
export const MAX_FILE = 5 * 1024 * 1024
/** Lists (messages, tasks, files) hold at most this many items, the latest. */
export const LIST_CAP = 100

export interface LimitOptions {
  /** per-token general limit; Chatwork: 300 per 5 minutes */
  tokenLimit?: Window
  /** per-room posting limit for POST messages and tasks; Chatwork: 10 per 10 seconds */
  roomPostLimit?: Window
  /**
   * Send `Retry-After` (whole seconds until a slot frees) with a room-limit 429. Chatwork does
   * not document one; tests use it to run the 25-way burst on short windows.
   */
  retryAfter?: boolean
}

interface TokenCount {
  headers: Record<string, string>
  exceeded: boolean
}

export class Limits {
  tokenLimit: Window
  roomPostLimit: Window
  retryAfter: boolean
  private readonly tokenWindows = new Map<string, { start: number; used: number }>()
  private readonly roomPosts = new Map<number, number[]>()

  constructor(options: LimitOptions) {
    this.tokenLimit = options.tokenLimit ?? { max: 300, windowMs: 5 * 60_000 }
    this.roomPostLimit = options.roomPostLimit ?? { max: 10, windowMs: 10_000 }
    this.retryAfter = options.retryAfter ?? false
  }

  /** Forgets every window: the next request starts a fresh one. */
  reset(): void {
    this.tokenWindows.clear()
    this.roomPosts.clear()
  }

  /** Counts one request of `token`; the `x-ratelimit-*` headers and whether it is over. */
  countRequest(token: string): TokenCount {
    const now = Date.now()
    let window = this.tokenWindows.get(token)
    if (!window || now >= window.start + this.tokenLimit.windowMs) {
      window = { start: now, used: 0 }
      this.tokenWindows.set(token, window)
    }
    window.used += 1
    const exceeded = window.used > this.tokenLimit.max
    return {
      exceeded,
      headers: {
        'x-ratelimit-limit': String(this.tokenLimit.max),
        'x-ratelimit-remaining': String(Math.max(0, this.tokenLimit.max - window.used)),
        'x-ratelimit-reset': String(Math.ceil((window.start + this.tokenLimit.windowMs) / 1000))
      }
    }
  }

  /**
   * Sliding window: at most `max` accepted posts in any `windowMs`. Takes a slot and returns
   * undefined, or returns the 429 to answer.
   */
  takePostSlot(roomId: number): Reply | undefined {
    const now = Date.now()
    const { windowMs, max } = this.roomPostLimit
    const recent = (this.roomPosts.get(roomId) ?? []).filter(t => t > now - windowMs)
    this.roomPosts.set(roomId, recent)
    if (recent.length < max) {
      recent.push(now)
      return undefined
    }
    const wait = (recent[0] ?? now) + windowMs - now
    const reply = errors(429, ['Rate limit for message posting per room exceeded.'])
    if (this.retryAfter) reply.headers['retry-after'] = String(Math.ceil(wait / 1000))
    return reply
  }
}

/**
 * The `body` parameter of messages and tasks: required, at most MAX_BODY characters (UTF-16
 * code units, as JavaScript counts them) or bytes (UTF-8), as the bodyLimit factor says. The
 * factor is consulted only where the two counts differ.
 */
export function validateBody(body: string | null, profiles: Profiles): Reply | undefined {
  if (body === null || body === '') return errors(400, ["Parameter 'body' is required"])
  const bytes = Buffer.byteLength(body, 'utf8')
  const unit = bytes === body.length ? 'characters' : profiles.use('bodyLimit')
  if ((unit === 'bytes' ? bytes : body.length) > MAX_BODY) {
    return errors(400, [`Parameter 'body' must be at most ${MAX_BODY} ${unit}`])
  }
  return undefined
}
