/**
 * End-to-end, the bundled action against the emulator: the `proxy` input: requests through a
 * CONNECT proxy, its credentials masked.
 */
import { describe, expect, it } from 'vitest'
import { ConnectProxy } from '../tools/connect-proxy.js'
import { ROOM } from '../tools/emulator/index.js'
import { failure, ok, runWithEnvOn, useEmulator } from './support/e2e.js'
import { refusedPort } from './support/ports.js'

const server = useEmulator()
const run = runWithEnvOn(server)

describe('the proxy input', () => {
  it('sends through the proxy it names, with credentials, masking the password', async () => {
    const proxy = await new ConnectProxy(Number(new URL(server().url).port)).start()
    try {
      proxy.requireAuth = true
      const result = ok(
        await run(
          { message: 'via the proxy', proxy: proxy.url('ci:s3cr%40t-pw@'), retries: '0' },
          // The input overrides the environment: NO_PROXY would send loopback direct.
          { NO_PROXY: '127.0.0.1,localhost', HTTPS_PROXY: 'http://127.0.0.1:9' }
        )
      )
      expect(server().messages(ROOM)[0]?.body).toBe('via the proxy')
      expect(proxy.tunnels.at(-1)?.auth).toBe(
        `Basic ${Buffer.from('ci:s3cr@t-pw').toString('base64')}`
      )
      // '%' is escaped as %25 in runner commands: the runner masks s3cr%40t-pw and s3cr@t-pw.
      expect(result.stdout).toContain('::add-mask::s3cr%2540t-pw')
      expect(result.stdout).toContain('::add-mask::s3cr@t-pw')
      expect(result.stdout.replace(/::add-mask::.*\n/g, '')).not.toContain('s3cr')
    } finally {
      await proxy.stop()
    }
  })

  it('a proxy that wants credentials: the error says so, with advice', async () => {
    const proxy = await new ConnectProxy(Number(new URL(server().url).port)).start()
    try {
      proxy.requireAuth = true
      const error = failure(await run({ message: 'x', proxy: proxy.url(), retries: '0' }))
      expect(error).toContain(
        'could not pass the proxy: it answered 407 Proxy Authentication Required.'
      )
      expect(error).toContain('asks for credentials: put them in its URL')
      expect(server().messages(ROOM)).toHaveLength(0)
    } finally {
      await proxy.stop()
    }
  })

  it('a proxy that refuses the connection is named as the proxy, not as Chatwork', async () => {
    const address = `127.0.0.1:${await refusedPort()}`
    const error = failure(
      await run({ message: 'x', proxy: `http://ci:hunter2@${address}`, retries: '0' })
    )
    expect(error).toContain(`could not connect to the proxy ${address} (ECONNREFUSED).`)
    expect(error).not.toContain('hunter2')
    expect(server().requests).toHaveLength(0)
  })

  it('refuses a value that is not a proxy URL, without showing its password', async () => {
    const error = failure(await run({ message: 'x', proxy: 'socks5://me:hunter2@proxy:1080' }))
    expect(error).toContain(
      "Input 'proxy' is 'socks5://me:***@proxy:1080'; expected the proxy's URL"
    )
    expect(error).not.toContain('hunter2')
    expect(server().requests).toHaveLength(0)
  })
})
