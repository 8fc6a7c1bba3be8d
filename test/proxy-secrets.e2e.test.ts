/**
 * End-to-end: a proxy's user name and password, from the `proxy` input or from HTTPS_PROXY,
 * HTTP_PROXY (either spelling), are masked whole, decoded and encoded, whatever they hold (a raw
 * `@`, `:`, `/`); the password appears nowhere: not in stdout or stderr, not in the outputs,
 * not in the summary.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ConnectProxy } from '../tools/connect-proxy.js'
import { ROOM } from '../tools/emulator/index.js'
import type { RunResult } from '../tools/run-action.js'
import { readRunnerLog } from './support/runner-log.js'
import { runAgainst, useEmulator } from './support/e2e.js'
import { table } from './support/table.js'

const server = useEmulator()
let proxy: ConnectProxy
beforeEach(async () => {
  proxy = await new ConnectProxy(Number(new URL(server().url).port)).start()
})
afterEach(() => proxy.stop())

const USER = 'ci-b0t'

/** The forms a value could be printed in, worked out here, independently of src/. */
function forms(written: string): string[] {
  let decoded = written
  try {
    decoded = decodeURIComponent(written)
  } catch {
    // kept as written
  }
  return [...new Set([written, decoded, encodeURIComponent(decoded)])]
}

function expectNoCredentials(result: RunResult, password: string): void {
  const log = readRunnerLog(result.stdout, result.stderr)
  const printed = [
    ...log.shown,
    result.stderr,
    result.summary,
    ...Object.values(result.outputs)
  ].join('\n')
  // The user name is masked in the log too; an error about the input may name it (as
  // 'user:***@host'), the password never.
  for (const secret of forms(USER)) expect(log.masks, `${secret} is masked`).toContain(secret)
  for (const secret of forms(password)) {
    expect(log.masks, `${secret} is masked`).toContain(secret)
    expect(printed, `${secret} is not printed`).not.toContain(secret)
  }
}

describe('proxy credentials', () => {
  table([
    ['percent-encoded', 'S3cr%40t%3Apa%2Fss'],
    ['with a raw @ and :', 'S3cr@t:pa@ss']
  ])('the proxy input, %s: sent decoded, masked in every form', async (_, password) => {
    proxy.requireAuth = true
    const result = await runAgainst(
      server(),
      { message: 'via the proxy', proxy: proxy.url(`${USER}:${password}@`), retries: '0' },
      { env: { NO_PROXY: '127.0.0.1' } }
    )
    expect(result.exitCode, result.stdout).toBe(0)
    expect(server().messages(ROOM).at(-1)?.body).toBe('via the proxy')
    const sent = `${USER}:${decodeURIComponent(password)}`
    expect(proxy.tunnels.at(-1)?.auth).toBe(`Basic ${Buffer.from(sent).toString('base64')}`)
    expectNoCredentials(result, password)
  })

  it("the proxy input with a raw '/': refused with advice, and nothing of it shown", async () => {
    const password = 'S3cr3t/pa?ss'
    const result = await runAgainst(server(), {
      message: 'x',
      proxy: proxy.url(`${USER}:${password}@`)
    })
    expect(result.exitCode).toBe(1)
    expect(result.outputs.error).toMatch(/percent-encode them/)
    expect(proxy.tunnels).toEqual([])
    expectNoCredentials(result, password)
  })

  table(['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'])(
    '%s, with raw and encoded special characters',
    async variable => {
      const password = 'S3cr@t:pa/ss%2Fw0rd'
      const result = await runAgainst(
        server(),
        { message: 'x', 'api-base-url': 'https://chatwork.invalid/v2', retries: '0' },
        { env: { [variable]: proxy.url(`${USER}:${password}@`), NO_PROXY: '' } }
      )
      expect(result.exitCode).toBe(1)
      expectNoCredentials(result, password)
    }
  )

  it('HTTPS_PROXY that the request goes through', async () => {
    const password = 'S3cr%40t%2Fw0rd'
    const result = await runAgainst(
      server(),
      { message: 'x', 'api-base-url': 'https://chatwork.invalid/v2', retries: '0' },
      { env: { HTTPS_PROXY: proxy.url(`${USER}:${password}@`), NO_PROXY: '' } }
    )
    // The tunnel reaches the emulator, which speaks plain http: TLS fails, after the proxy.
    expect(proxy.tunnels[0]?.target).toBe('chatwork.invalid:443')
    expect(result.exitCode).toBe(1)
    expectNoCredentials(result, password)
  })
})
