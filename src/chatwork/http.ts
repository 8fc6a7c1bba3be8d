/**
 * One HTTP exchange with Chatwork, over `@actions/http-client` (already in the bundle through
 * `@actions/core`, and it honours HTTPS_PROXY / NO_PROXY like the rest of the runner's tools).
 * No retries here: the client decides what to retry.
 */
import type { IncomingHttpHeaders } from 'node:http'
import { HttpClient } from '@actions/http-client'
import { USER_AGENT } from '../constants.js'
import { NetworkError } from '../errors.js'

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'

export interface ApiRequest {
  method: Method
  /** Path below the base URL, e.g. `/rooms/123/messages`. */
  path: string
  query?: Record<string, string>
  /** Sent as an `application/x-www-form-urlencoded` body. */
  form?: Record<string, string>
}

export interface ApiResponse {
  status: number
  headers: IncomingHttpHeaders
  text: string
}

/** Error codes that mean the request never reached the server. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH'
])

export class Transport {
  private readonly http: HttpClient

  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly timeoutMs: number
  ) {
    this.http = new HttpClient(USER_AGENT, [], {
      socketTimeout: timeoutMs,
      allowRetries: false,
      allowRedirects: false
    })
  }

  /** Describes a request for logs and errors; never includes the token. */
  describe(request: ApiRequest): string {
    return `${request.method} ${request.path}`
  }

  async exchange(request: ApiRequest): Promise<ApiResponse> {
    const headers: Record<string, string> = {
      'X-ChatWorkToken': this.token,
      Accept: 'application/json'
    }
    let data: string | null = null
    if (request.form) {
      data = new URLSearchParams(request.form).toString()
      headers['Content-Type'] = 'application/x-www-form-urlencoded'
    }
    let timer: NodeJS.Timeout | undefined
    let destroy: (() => void) | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        destroy?.()
        reject(
          new NetworkError(
            `${this.describe(request)} got no complete answer within ${this.timeoutMs / 1000} s.`,
            false
          )
        )
      }, this.timeoutMs)
    })
    const attempt = (async () => {
      const response = await this.http.request(request.method, this.url(request), data, headers)
      destroy = () => response.message.destroy()
      const text = await response.readBody()
      return { status: response.message.statusCode ?? 0, headers: response.message.headers, text }
    })()
    try {
      return await Promise.race([attempt, timeout])
    } catch (error) {
      if (error instanceof NetworkError) throw error
      throw toNetworkError(error, this.describe(request))
    } finally {
      clearTimeout(timer)
      attempt.catch(() => undefined)
    }
  }

  private url(request: ApiRequest): string {
    const query = request.query ? `?${new URLSearchParams(request.query).toString()}` : ''
    return `${this.baseUrl}${request.path}${query}`
  }
}

function toNetworkError(error: unknown, what: string): NetworkError {
  const code = (error as { code?: unknown } | null)?.code
  const detail = error instanceof Error ? error.message : String(error)
  if (typeof code === 'string' && NOT_SENT_CODES.has(code)) {
    return new NetworkError(`${what} could not connect (${code}).`, true, { cause: error })
  }
  if (detail.startsWith('Request timeout')) {
    return new NetworkError(`${what} timed out.`, false, { cause: error })
  }
  const reason = typeof code === 'string' ? code : detail
  return new NetworkError(`${what} failed: ${reason}.`, false, { cause: error })
}
