/**
 * Requests go through an HTTP proxy when HTTP(S)_PROXY names one (and NO_PROXY does not exempt
 * the host), as @actions/http-client's rules say. A real CONNECT proxy on loopback forwards every
 * tunnel to the emulator, whatever host was asked for.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Transport } from '../src/chatwork/http.js'
import { NetworkError, adviceFor } from '../src/errors.js'
import { ConnectProxy } from '../tools/connect-proxy.js'
import { BOT, ChatworkEmulator, DEFAULT_TOKEN } from '../tools/emulator/index.js'

let emulator: ChatworkEmulator
let proxy: ConnectProxy

beforeEach(async () => {
  emulator = await new ChatworkEmulator().start()
  proxy = await new ConnectProxy(Number(new URL(emulator.url).port)).start()
})

afterEach(async () => {
  vi.unstubAllEnvs()
  await proxy.stop()
  await emulator.stop()
})

const proxyUrl = (auth = '') => proxy.url(auth)

describe('proxies', () => {
  it('tunnels through HTTP_PROXY, with its credentials', async () => {
    vi.stubEnv('HTTP_PROXY', proxyUrl('user:p%40ss@'))
    vi.stubEnv('NO_PROXY', '')
    const transport = new Transport('http://chatwork.invalid/v2', DEFAULT_TOKEN, 5_000)
    const response = await transport.exchange({ method: 'GET', path: '/me' })
    expect(response.status).toBe(200)
    expect(JSON.parse(response.text)).toMatchObject({ account_id: BOT.account_id })
    expect(proxy.tunnels).toEqual([
      {
        target: 'chatwork.invalid:80',
        auth: `Basic ${Buffer.from('user:p@ss').toString('base64')}`
      }
    ])
  })

  it('says that a proxy wants credentials when it answers 407, with advice', async () => {
    proxy.requireAuth = true
    vi.stubEnv('HTTP_PROXY', proxyUrl())
    vi.stubEnv('NO_PROXY', '')
    const transport = new Transport('http://chatwork.invalid/v2', DEFAULT_TOKEN, 5_000)
    const error = await transport.exchange({ method: 'GET', path: '/me' }).catch((e: unknown) => e)
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
    expect(proxy.tunnels).toEqual([])
  })

  it('goes direct to loopback without a proxy', async () => {
    vi.stubEnv('HTTP_PROXY', proxyUrl())
    const transport = new Transport(emulator.url, DEFAULT_TOKEN, 5_000)
    expect((await transport.exchange({ method: 'GET', path: '/me' })).status).toBe(200)
    expect(proxy.tunnels).toEqual([])
  })
})
