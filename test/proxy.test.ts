/**
 * Requests go through an HTTP proxy when HTTP(S)_PROXY names one (and NO_PROXY does not exempt
 * the host), as @actions/http-client's rules say. A real CONNECT proxy on loopback forwards every
 * tunnel to the emulator, whatever host was asked for.
 */
import http from 'node:http'
import net from 'node:net'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Transport } from '../src/chatwork/http.js'
import { NetworkError, adviceFor } from '../src/errors.js'
import { BOT, ChatworkEmulator, DEFAULT_TOKEN } from '../tools/emulator.js'

let emulator: ChatworkEmulator
let proxy: http.Server
let tunnels: { target: string; auth: string | undefined }[]
let requireAuth = false

beforeEach(async () => {
  emulator = await new ChatworkEmulator().start()
  const { port } = new URL(emulator.url)
  tunnels = []
  proxy = http.createServer((_, res) => res.writeHead(405).end())
  proxy.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    tunnels.push({ target: req.url ?? '', auth: req.headers['proxy-authorization'] })
    if (req.headers['proxy-authorization'] === undefined && requireAuth) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\n\r\n')
      return
    }
    const upstream = net.connect(Number(port), '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    upstream.on('error', () => client.destroy())
    client.on('error', () => upstream.destroy())
  })
  await new Promise<void>(resolve => proxy.listen(0, '127.0.0.1', resolve))
})

afterEach(async () => {
  vi.unstubAllEnvs()
  proxy.closeAllConnections()
  await new Promise(resolve => proxy.close(resolve))
  await emulator.stop()
})

function proxyUrl(auth = ''): string {
  return `http://${auth}127.0.0.1:${(proxy.address() as AddressInfo).port}`
}

describe('proxies', () => {
  it('tunnels through HTTP_PROXY, with its credentials', async () => {
    vi.stubEnv('HTTP_PROXY', proxyUrl('user:p%40ss@'))
    vi.stubEnv('NO_PROXY', '')
    const transport = new Transport('http://chatwork.invalid/v2', DEFAULT_TOKEN, 5_000)
    const response = await transport.exchange({ method: 'GET', path: '/me' })
    expect(response.status).toBe(200)
    expect(JSON.parse(response.text)).toMatchObject({ account_id: BOT.account_id })
    expect(tunnels).toEqual([
      {
        target: 'chatwork.invalid:80',
        auth: `Basic ${Buffer.from('user:p@ss').toString('base64')}`
      }
    ])
  })

  it('says that a proxy wants credentials when it answers 407, with advice', async () => {
    requireAuth = true
    vi.stubEnv('HTTP_PROXY', proxyUrl())
    vi.stubEnv('NO_PROXY', '')
    const transport = new Transport('http://chatwork.invalid/v2', DEFAULT_TOKEN, 5_000)
    const error = await transport.exchange({ method: 'GET', path: '/me' }).catch((e: unknown) => e)
    requireAuth = false
    expect(error).toBeInstanceOf(NetworkError)
    expect((error as NetworkError).message).toBe(
      'GET /me could not pass the proxy: it answered 407 Proxy Authentication Required.'
    )
    expect(adviceFor(error as NetworkError)).toMatch(/asks for credentials: put them in its URL/)
  })

  it('goes direct for a host NO_PROXY names', async () => {
    vi.stubEnv('HTTP_PROXY', proxyUrl())
    vi.stubEnv('NO_PROXY', 'chatwork.invalid')
    const transport = new Transport('http://chatwork.invalid/v2', DEFAULT_TOKEN, 5_000)
    const error = await transport.exchange({ method: 'GET', path: '/me' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NetworkError)
    expect((error as NetworkError).notSent).toBe(true)
    expect(tunnels).toEqual([])
  })

  it('goes direct to loopback without a proxy', async () => {
    vi.stubEnv('HTTP_PROXY', proxyUrl())
    const transport = new Transport(emulator.url, DEFAULT_TOKEN, 5_000)
    expect((await transport.exchange({ method: 'GET', path: '/me' })).status).toBe(200)
    expect(tunnels).toEqual([])
  })
})
