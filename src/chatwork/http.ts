/**
 * One HTTP exchange with Chatwork over Node's own http/https. No retries here: the client
 * decides what to retry.
 *
 * Why not @actions/http-client's HttpClient: its index loads undici (a large bundle, evaluated
 * at every start; see docs/performance.md) for its fetch dispatcher, which this action never
 * uses. Its proxy rules are used as they are: when the `proxy` input, or else `getProxyUrl`
 * (HTTPS_PROXY, HTTP_PROXY, NO_PROXY, as the runner's other tools read them), names a proxy for
 * the URL, the request goes through a CONNECT tunnel by https-proxy-agent (maintained; `tunnel`,
 * which @actions/http-client uses, has not been since 2018), loaded only then.
 */
import http from 'node:http'
import type { IncomingHttpHeaders } from 'node:http'
import { getProxyUrl } from '@actions/http-client/lib/proxy'
import { Input, USER_AGENT } from '../constants.js'
import { multipartBody, type FilePart } from './multipart.js'
export type { FilePart } from './multipart.js'
import { InputError, InvalidResponseError, NetworkError } from '../errors.js'
import { toNetworkError } from './network-errors.js'
import { noCompleteAnswer } from '../texts.js'

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

export interface ApiResponse {
  status: number
  headers: IncomingHttpHeaders
  text: string
}

/**
 * The largest response read. A list of 100 messages is a few hundred kB in practice (only 100
 * messages of tens of thousands of non-ASCII characters each could pass it); a larger answer is
 * refused before it fills the runner's memory.
 */
const MAX_RESPONSE_BYTES = 10 * 1024 * 1024

export class Transport {
  private readonly agents = new Map<string, Promise<http.Agent | undefined>>()

  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly timeoutMs: number,
    /** The `proxy` input: every request goes through it, whatever the environment says. */
    private readonly proxy?: URL
  ) {}

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
      lines.push(`file: ${file.name} (${file.content.length} bytes, multipart/form-data)`)
      for (const [name, value] of Object.entries(fields)) lines.push(`${name}: ${value}`)
    }
    return lines.join('\n')
  }

  async exchange(request: ApiRequest): Promise<ApiResponse> {
    const url = this.destination(request)
    const headers: Record<string, string> = {
      'X-ChatWorkToken': this.token,
      Accept: 'application/json',
      'User-Agent': USER_AGENT
    }
    let body: string | Buffer | undefined
    if (request.form) {
      body = new URLSearchParams(request.form).toString()
      headers['Content-Type'] = 'application/x-www-form-urlencoded'
    } else if (request.multipart) {
      const encoded = await multipartBody(request.multipart)
      body = encoded.bytes
      headers['Content-Type'] = encoded.contentType
    }
    if (body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(body))
    const what = this.describe(request)
    try {
      const [protocol, agent] = await Promise.all([this.protocol(url), this.agent(url)])
      const options = { method: request.method, headers, agent }
      const response = await this.send(protocol, url, options, body, what)
      // A proxy that wants credentials answers the tunnel with 407: nothing reached Chatwork.
      if (response.status === 407 && agent) {
        throw new NetworkError(
          `${what} could not pass the proxy: it answered 407 Proxy Authentication Required.`,
          { notSent: true, proxyAuth: true }
        )
      }
      return response
    } catch (error) {
      if (error instanceof NetworkError || error instanceof InvalidResponseError) throw error
      // With a proxy, the connection that failed is the one to the proxy: name it, not Chatwork.
      const proxy = this.proxyFor(url)
      throw toNetworkError(error, what, proxy ? `the proxy ${proxy.host}` : url.host)
    }
  }

  /** One request and its whole answer, within `timeoutMs` from start to end. */
  private send(
    protocol: typeof http,
    url: URL,
    options: http.RequestOptions,
    body: string | Buffer | undefined,
    what: string
  ): Promise<ApiResponse> {
    return new Promise((resolve, reject) => {
      const req = protocol.request(url, options, res => {
        const chunks: Buffer[] = []
        let received = 0
        res.on('data', (chunk: Buffer) => {
          received += chunk.length
          if (received > MAX_RESPONSE_BYTES) {
            clearTimeout(timer)
            req.destroy(
              new InvalidResponseError(
                `Chatwork's response to ${what} was larger than ${MAX_RESPONSE_BYTES / 1024 / 1024} MB; the action stopped reading it. No Chatwork answer is that large: check '${Input.apiBaseUrl}'.`
              )
            )
            return
          }
          chunks.push(chunk)
        })
        res.on('error', reject)
        res.on('end', () => {
          clearTimeout(timer)
          const text = Buffer.concat(chunks).toString('utf8')
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text })
        })
      })
      const timer = setTimeout(() => {
        const message = noCompleteAnswer(what, this.timeoutMs / 1000)
        req.destroy(new NetworkError(message, { notSent: false }))
      }, this.timeoutMs)
      req.on('error', error => {
        clearTimeout(timer)
        reject(error)
      })
      req.end(body)
    })
  }

  /** https is loaded only for https URLs: TLS costs start-up time that loopback does not need. */
  private async protocol(url: URL): Promise<typeof http> {
    if (url.protocol !== 'https:') return http
    return (await import('node:https')).default as unknown as typeof http
  }

  /** The proxy a request to `url` goes through, if any (host and port only are shown). */
  private proxyFor(url: URL): URL | undefined {
    return this.proxy ?? getProxyUrl(url)
  }

  /** A tunnelling agent when the `proxy` input or the environment's proxy rules name a proxy. */
  private agent(url: URL): Promise<http.Agent | undefined> {
    let agent = this.agents.get(url.protocol)
    if (!agent) {
      const proxy = this.proxyFor(url)
      agent = proxy ? proxyAgent(proxy) : Promise.resolve(undefined)
      this.agents.set(url.protocol, agent)
    }
    return agent
  }

  /**
   * The request's URL, checked: the token goes below the base URL and nowhere else. The URL is
   * the base and the path joined as text (resolving would drop the base's `/v2`); parsed, it
   * must have the base's origin and exactly that path, or a parser read it as another place.
   */
  private destination(request: ApiRequest): URL {
    const url = new URL(this.url(request))
    const base = new URL(this.baseUrl)
    const basePath = base.pathname.replace(/\/+$/, '')
    if (
      url.origin !== base.origin ||
      url.username !== '' ||
      url.password !== '' ||
      url.pathname !== `${basePath}${request.path}` ||
      !url.pathname.startsWith(`${basePath}/`) ||
      url.hash !== ''
    ) {
      throw new InputError(
        `${this.describe(request)} would go to ${url.origin}${url.pathname}, not below '${Input.apiBaseUrl}' (${this.baseUrl}): refused, nothing was sent.`
      )
    }
    return url
  }

  private url(request: ApiRequest): string {
    const query = request.query ? `?${new URLSearchParams(request.query).toString()}` : ''
    return `${this.baseUrl}${request.path}${query}`
  }
}

/**
 * An agent that opens a CONNECT tunnel through `proxy` (credentials in its URL become
 * Proxy-Authorization) and then speaks http or https inside it, as the target needs.
 */
async function proxyAgent(proxy: URL): Promise<http.Agent> {
  const { HttpsProxyAgent } = await import('https-proxy-agent')
  return new HttpsProxyAgent(proxy)
}
