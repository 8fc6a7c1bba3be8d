/**
 * The kinds of request the client makes, each with its own reading of the engine's outcome: a
 * read, a list, a change answered with an id, a creation that must happen exactly once. What
 * each endpoint sends is requests.ts's; which kind it is, client.ts's.
 */
import { InvalidResponseError, messageOf } from '../errors.js'
import type { ApiRequest, Transport } from './http.js'
import type { RateLimitState } from './rate-limit.js'
import type { RetryEngine } from './retry.js'

/** A list, with the token's rate-limit state as its answer reported it. */
export interface Listed<T> {
  items: T[]
  rateLimit: RateLimitState | undefined
}

export class RequestKinds {
  constructor(
    private readonly engine: RetryEngine,
    private readonly transport: Transport,
    private readonly log: (message: string) => void
  ) {}

  /** A GET of one thing. */
  async read<T>(request: ApiRequest, read: (text: string, what: string) => T): Promise<T> {
    const sent = await this.engine.send(request)
    if (sent.kind === 'found') return sent.value
    return read(sent.response.text, this.transport.describe(request))
  }

  /** A GET of a list; 204 (nothing there, or nothing new) is an empty list. */
  async list<T>(
    request: ApiRequest,
    read: (text: string, what: string) => T[]
  ): Promise<Listed<T>> {
    const sent = await this.engine.send(request)
    // Sent without a look-up, so it can only be an answer.
    if (sent.kind === 'found') return sent.value
    const { response } = sent
    const rateLimit = this.engine.rateLimit
    if (response.status === 204) return { items: [], rateLimit }
    return { items: read(response.text, this.transport.describe(request)), rateLimit }
  }

  /**
   * A request that changes something and answers with an id. `reconcile`, when given, finds out
   * after an ambiguous failure whether it took effect, and returns the id if it did.
   */
  async change<T>(
    request: ApiRequest,
    read: (text: string, what: string) => T,
    reconcile?: () => Promise<T | undefined>
  ): Promise<T> {
    return this.sendAndRead(request, read, reconcile, (error, status) => {
      // The request took effect; only the answer is unusable.
      throw new InvalidResponseError(
        `${messageOf(error)} Chatwork accepted the request (${status}), so it probably took effect.`,
        { cause: error }
      )
    })
  }

  /**
   * A POST that creates something, exactly once. A 2xx means it was created, whatever the body
   * says: an answer without a usable id is not a failure (sending again would create it twice).
   * The id is then looked up once with `reconcile`; undefined when the look-up does not find it
   * (or fails): delivered, id unknown.
   */
  async create<T>(
    request: ApiRequest,
    read: (text: string, what: string) => T,
    reconcile: () => Promise<T | undefined>
  ): Promise<T | undefined> {
    return this.sendAndRead(request, read, reconcile, (error, status) => {
      if (!(error instanceof InvalidResponseError)) throw error
      return this.lookUpAccepted(status, error, reconcile)
    })
  }

  /**
   * Sends a request that changes something (with `reconcile` after an ambiguous failure) and
   * reads its answer; an answer `read` refuses goes to `unreadable`, with the status.
   */
  private async sendAndRead<T, U>(
    request: ApiRequest,
    read: (text: string, what: string) => T,
    reconcile: (() => Promise<T | undefined>) | undefined,
    unreadable: (error: unknown, status: number) => U | Promise<U>
  ): Promise<T | U> {
    const sent = await this.engine.send(request, reconcile)
    if (sent.kind === 'found') return sent.value
    const { response } = sent
    try {
      return read(response.text, this.transport.describe(request))
    } catch (error) {
      return unreadable(error, response.status)
    }
  }

  private async lookUpAccepted<T>(
    status: number,
    error: InvalidResponseError,
    reconcile: () => Promise<T | undefined>
  ): Promise<T | undefined> {
    this.log(
      `${error.message} Chatwork accepted the request (${status}), so it took effect: looking up its id instead of sending it again.`
    )
    try {
      const found = await reconcile()
      this.log(found === undefined ? 'The look-up did not find it.' : 'The look-up found it.')
      return found
    } catch (lookUpError) {
      this.log(`The look-up failed: ${messageOf(lookUpError)}`)
      return undefined
    }
  }
}
