/**
 * One HTTP exchange with Chatwork, over `@actions/http-client` (already in the bundle through
 * `@actions/core`, and it honours HTTPS_PROXY / NO_PROXY like the rest of the runner's tools).
 * No retries here: the client decides what to retry.
 */
import { readFile } from 'node:fs/promises'
import type { IncomingHttpHeaders } from 'node:http'
import { extname } from 'node:path'
import { Readable } from 'node:stream'
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
  /** Sent as a `multipart/form-data` body: the file as part `file`, then the fields. */
  multipart?: { file: FilePart; fields: Record<string, string> }
}

export interface FilePart {
  /** Absolute path of the file to read. */
  path: string
  /** The name Chatwork shows. */
  name: string
  size: number
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

  /** The request as a person reads it: method, URL and parameters; never the token. */
  format(request: ApiRequest): string {
    const lines = [`${request.method} ${this.url(request)}`]
    for (const [name, value] of Object.entries(request.form ?? {})) lines.push(`${name}: ${value}`)
    if (request.multipart) {
      const { file, fields } = request.multipart
      lines.push(`file: ${file.name} (${file.size} bytes, multipart/form-data)`)
      for (const [name, value] of Object.entries(fields)) lines.push(`${name}: ${value}`)
    }
    return lines.join('\n')
  }

  async exchange(request: ApiRequest): Promise<ApiResponse> {
    const headers: Record<string, string> = {
      'X-ChatWorkToken': this.token,
      Accept: 'application/json'
    }
    let data: string | NodeJS.ReadableStream | null = null
    if (request.form) {
      data = new URLSearchParams(request.form).toString()
      headers['Content-Type'] = 'application/x-www-form-urlencoded'
    } else if (request.multipart) {
      const body = await multipartBody(request.multipart)
      data = Readable.from([body.bytes])
      headers['Content-Type'] = body.contentType
      headers['Content-Length'] = String(body.bytes.length)
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

/**
 * Node's own FormData encodes the body (boundary, part headers, escaping of names), read out
 * through a Response; the whole file is in memory, which Chatwork's 5 MB limit keeps small.
 */
async function multipartBody(
  multipart: NonNullable<ApiRequest['multipart']>
): Promise<{ bytes: Buffer; contentType: string }> {
  const form = new FormData()
  const content = await readFile(multipart.file.path)
  form.append(
    'file',
    new Blob([content], { type: contentType(multipart.file.name) }),
    multipart.file.name
  )
  for (const [name, value] of Object.entries(multipart.fields)) form.append(name, value)
  const encoded = new Response(form)
  return {
    bytes: Buffer.from(await encoded.arrayBuffer()),
    contentType: encoded.headers.get('content-type') ?? 'multipart/form-data'
  }
}

const CONTENT_TYPES: Record<string, string> = {
  '.txt': 'text/plain',
  '.log': 'text/plain',
  '.md': 'text/markdown',
  '.csv': 'text/csv',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.html': 'text/html',
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.zip': 'application/zip'
}

function contentType(name: string): string {
  return CONTENT_TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream'
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
