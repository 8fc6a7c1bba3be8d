/**
 * The Chatwork API client: one method per endpoint the action uses, with the retry rules.
 *
 * - 429 for the token's window: wait until `x-ratelimit-reset` plus jitter, then retry.
 * - 429 for the room's posting limit: wait one posting window plus jitter, then retry.
 *   Rate-limit waits are bounded by time (`maxRateLimitWaitMs`), not by `retries`.
 * - 5xx, a dropped connection, a timeout: retry with exponential backoff and jitter, at most
 *   `retries` times. 4xx other than 429 is never retried.
 * - A POST that may have reached Chatwork (reset after sending, timeout, 5xx) is checked for
 *   in the room before it is sent again, so a message never lands twice.
 */
import { STATUS_CODES } from 'node:http'
import {
  ChatworkHttpError,
  InvalidResponseError,
  NetworkError,
  UnconfirmedError,
  messageOf
} from '../errors.js'
import { seconds } from '../format.js'
import { requests } from './requests.js'
import {
  preview,
  readErrors,
  readFileId,
  readFiles,
  readMe,
  readMembers,
  readMessageId,
  readMessages
} from './types.js'
import type { ChatworkMessage, Me, Member } from './types.js'
import { Transport, type ApiRequest, type ApiResponse, type FilePart } from './http.js'

/** Chatwork's per-room posting limit is 10 posts per 10 seconds (docs/chatwork-api.md, "Limits"). */
const ROOM_POST_WINDOW_MS = 10_000

export interface RetryPolicy {
  /** How many times a transient failure (5xx, network, timeout) is retried. */
  retries: number
  /** First backoff delay; doubles per retry, with jitter. */
  backoffBaseMs: number
  backoffMaxMs: number
  /** The longest the client waits on rate limits in all, for one call. */
  maxRateLimitWaitMs: number
  /** The room posting window waited after a room-limit 429. */
  roomPostWindowMs: number
  sleep: (ms: number) => Promise<void>
  random: () => number
  now: () => number
}

export interface ClientOptions {
  baseUrl: string
  token: string
  timeoutMs: number
  retries: number
  /** Where the client says what it waits for; runner.info in the action. */
  log: (message: string) => void
  /** Overrides of the retry timing, for tests. */
  policy?: Partial<RetryPolicy>
}

export interface RateLimitState {
  limit: number
  remaining: number
  /** Unix seconds at which the window resets */
  reset: number
}

const DEFAULT_POLICY: Omit<RetryPolicy, 'retries'> = {
  backoffBaseMs: 1_000,
  backoffMaxMs: 30_000,
  // One whole token window of 5 minutes, plus a minute of room windows and jitter.
  maxRateLimitWaitMs: 6 * 60_000,
  roomPostWindowMs: ROOM_POST_WINDOW_MS,
  sleep: ms => new Promise(resolve => setTimeout(resolve, ms)),
  random: Math.random,
  now: Date.now
}

export class ChatworkClient {
  readonly policy: RetryPolicy
  /** The newest `x-ratelimit-*` values seen. */
  rateLimit: RateLimitState | undefined
  private readonly transport: Transport
  private me: Promise<Me> | undefined

  constructor(private readonly options: ClientOptions) {
    this.transport = new Transport(options.baseUrl, options.token, options.timeoutMs)
    this.policy = { ...DEFAULT_POLICY, retries: options.retries, ...options.policy }
  }

  /** The request as a person reads it, for `dry-run` and logs; never the token. */
  format(request: ApiRequest): string {
    return this.transport.format(request)
  }

  /** GET /me: the token's own account (cached). */
  getMe(): Promise<Me> {
    const request = requests.me()
    this.me ??= this.call(request).then(r => readMe(r.text, this.transport.describe(request)))
    return this.me
  }

  /** GET /rooms/{room}/messages: `force` true returns the latest 100, false only new ones. */
  listMessages(roomId: string, force: boolean): Promise<ChatworkMessage[]> {
    return this.list(requests.listMessages(roomId, force), readMessages)
  }

  /** GET /rooms/{room}/members */
  listMembers(roomId: string): Promise<Member[]> {
    return this.list(requests.members(roomId), readMembers)
  }

  /**
   * POST /rooms/{room}/messages; returns the new message's id. Exactly once: after an
   * ambiguous failure the room is searched for the same body from the token's own account,
   * posted since `since` (Unix ms), before posting again.
   */
  postMessage(roomId: string, body: string, selfUnread: boolean, since: number): Promise<string> {
    return this.change(requests.postMessage(roomId, body, selfUnread), readMessageId, () =>
      this.findOwnPost(roomId, body, since)
    )
  }

  /** PUT /rooms/{room}/messages/{id}: the same body twice does no harm, so plain retries. */
  updateMessage(roomId: string, messageId: string, body: string): Promise<string> {
    return this.change(requests.updateMessage(roomId, messageId, body), readMessageId)
  }

  /** DELETE /rooms/{room}/messages/{id}; after an ambiguous failure, gone counts as deleted. */
  deleteMessage(roomId: string, messageId: string): Promise<string> {
    return this.change(requests.deleteMessage(roomId, messageId), readMessageId, () =>
      this.isGone(roomId, messageId)
    )
  }

  /**
   * POST /rooms/{room}/files (multipart); returns the file id. Exactly once like postMessage:
   * after an ambiguous failure the room's files from the token's account are searched for the
   * same name and size, uploaded since `since`.
   */
  uploadFile(roomId: string, file: FilePart, message: string, since: number): Promise<string> {
    return this.change(requests.uploadFile(roomId, file, message), readFileId, () =>
      this.findOwnUpload(roomId, file, since)
    )
  }

  /** A GET of a list; 204 (nothing there, or nothing new) is an empty list. */
  private async list<T>(
    request: ApiRequest,
    read: (text: string, what: string) => T[]
  ): Promise<T[]> {
    const response = await this.call(request)
    if (response.status === 204) return []
    return read(response.text, this.transport.describe(request))
  }

  /**
   * A request that changes something and answers with an id. `reconcile`, when given, finds out
   * after an ambiguous failure whether it took effect, and returns the id if it did.
   */
  private async change(
    request: ApiRequest,
    read: (text: string, what: string) => string,
    reconcile?: () => Promise<string | undefined>
  ): Promise<string> {
    const response = reconcile ? await this.call(request, reconcile) : await this.call(request)
    if (typeof response === 'string') return response
    try {
      return read(response.text, this.transport.describe(request))
    } catch (error) {
      // The request took effect; only the answer is unusable.
      throw new InvalidResponseError(
        `${messageOf(error)} Chatwork accepted the request (${response.status}), so it probably took effect.`,
        { cause: error }
      )
    }
  }

  /** The id of a message with this body from the token's own account since `since`, if any. */
  private async findOwnPost(
    roomId: string,
    body: string,
    since: number
  ): Promise<string | undefined> {
    const me = await this.getMe()
    const messages = await this.listMessages(roomId, true)
    const found = messages
      .filter(
        m =>
          m.account.account_id === me.account_id &&
          m.body === body &&
          m.send_time >= toSeconds(since)
      )
      .pop()
    return found?.message_id
  }

  private async findOwnUpload(
    roomId: string,
    file: FilePart,
    since: number
  ): Promise<string | undefined> {
    const me = await this.getMe()
    const files = await this.list(requests.listFiles(roomId, me.account_id), readFiles)
    const found = files
      .filter(
        f =>
          f.filename === file.name &&
          f.filesize === file.content.length &&
          f.upload_time >= toSeconds(since)
      )
      .pop()
    return found === undefined ? undefined : String(found.file_id)
  }

  /** The message id when the message no longer exists (the delete went through). */
  private async isGone(roomId: string, messageId: string): Promise<string | undefined> {
    try {
      await this.call(requests.getMessage(roomId, messageId))
      return undefined
    } catch (error) {
      if (error instanceof ChatworkHttpError && error.status === 404) return messageId
      throw error
    }
  }

  /**
   * Sends a request with the retry rules. `reconcile` makes a non-idempotent request safe to
   * retry: it is asked, after an ambiguous failure, whether the request took effect after all.
   */
  private async call(request: ApiRequest): Promise<ApiResponse>
  private async call<T>(
    request: ApiRequest,
    reconcile: () => Promise<T | undefined>
  ): Promise<ApiResponse | T>
  private async call<T>(
    request: ApiRequest,
    reconcile?: () => Promise<T | undefined>
  ): Promise<ApiResponse | T> {
    const what = this.transport.describe(request)
    let failures = 0
    let rateLimitWaited = 0
    for (;;) {
      let failure: ChatworkHttpError | NetworkError
      try {
        const response = await this.transport.exchange(request)
        this.observeRateLimit(response)
        if (response.status >= 200 && response.status < 300) return response
        const error = httpError(response, what)
        if (response.status === 429) {
          const wait = this.rateLimitWait(response)
          if (rateLimitWaited + wait > this.policy.maxRateLimitWaitMs) throw error
          rateLimitWaited += wait
          this.options.log(`${error.message} Waiting ${seconds(wait, 1)} before trying again.`)
          await this.policy.sleep(wait)
          continue
        }
        // 4xx says the request was wrong or not allowed: retrying cannot help.
        if (response.status < 500) throw error
        failure = error
      } catch (error) {
        if (!(error instanceof NetworkError)) throw error
        failure = error
      }
      const ambiguous = !(failure instanceof NetworkError && failure.notSent)
      if (reconcile && ambiguous) {
        const done = await this.reconcile(reconcile, what, failure)
        if (done !== undefined) return done
      }
      failures += 1
      if (failures > this.policy.retries) throw failure
      const wait = this.backoff(failures)
      this.options.log(
        `${failure.message} Retry ${failures} of ${this.policy.retries} in ${seconds(wait, 1)}.`
      )
      await this.policy.sleep(wait)
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

  /** Exponential backoff with jitter: base·2^(n-1), capped, times a random 0.5..1. */
  private backoff(failures: number): number {
    const { backoffBaseMs, backoffMaxMs, random } = this.policy
    const ceiling = Math.min(backoffMaxMs, backoffBaseMs * 2 ** (failures - 1))
    return Math.round(ceiling * (0.5 + random() / 2))
  }

  /**
   * How long to wait after a 429: the server's `Retry-After` when it sends one (Chatwork does
   * not document it; a proxy in front of it may); else until `x-ratelimit-reset` for the
   * token's window; else one room posting window. Each spread by jitter.
   */
  private rateLimitWait(response: ApiResponse): number {
    const { random, now, roomPostWindowMs } = this.policy
    const retryAfter = header(response, 'retry-after')
    if (retryAfter !== undefined && /^\d+$/.test(retryAfter.trim())) {
      const ms = Number(retryAfter) * 1000
      return ms + Math.round(random() * Math.max(ms, 1000) * 0.1)
    }
    const isRoomLimit = readErrors(response.text).some(e => /per room/i.test(e))
    const reset = Number(header(response, 'x-ratelimit-reset'))
    if (!isRoomLimit && Number.isFinite(reset) && reset > 0) {
      return Math.max(0, reset * 1000 - now()) + Math.round(random() * 1000)
    }
    // The room's window frees its slots one window after they were taken: waiting a whole
    // window, spread by up to a tenth, lets a burst of posters through in as few rounds as the
    // limit allows, without polling that would spend the token's request budget.
    return roomPostWindowMs + Math.round(random() * roomPostWindowMs * 0.1)
  }

  private observeRateLimit(response: ApiResponse): void {
    const limit = Number(header(response, 'x-ratelimit-limit'))
    const remaining = Number(header(response, 'x-ratelimit-remaining'))
    const reset = Number(header(response, 'x-ratelimit-reset'))
    if ([limit, remaining, reset].every(Number.isFinite) && header(response, 'x-ratelimit-reset')) {
      this.rateLimit = { limit, remaining, reset }
    }
  }
}

/** Chatwork's clock and the runner's differ a little: a second of slack. */
function toSeconds(ms: number): number {
  return Math.floor(ms / 1000) - 1
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
    `Chatwork answered ${what} with ${response.status} ${STATUS_CODES[response.status] ?? ''}: ${said}.`
  )
}
