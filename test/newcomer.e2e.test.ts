/**
 * End-to-end: what a newcomer trips over, on the bundled action: typos in templates, trailing
 * line breaks, the branch of a pull request, advice that fits the mistake, and debug lines.
 */
import net from 'node:net'
import { describe, expect, it } from 'vitest'
import { ConnectProxy } from '../tools/connect-proxy.js'
import { ALICE, DEFAULT_TOKEN, ROOM } from '../tools/emulator/index.js'
import { failure, ok, runAgainst, useEmulator } from './support/e2e.js'

const server = useEmulator()
const run = (inputs: Record<string, string>, env: Record<string, string> = {}) =>
  runAgainst(server(), inputs, { env })

describe('typos in templates', () => {
  it.each([
    [
      'Build by {{ github.actorr }}',
      'uses github.actorr, which is not defined: did you mean github.actor?'
    ],
    ['{{ run_ur }}', 'uses run_ur, which is not defined: did you mean run_url?'],
    ['{{ gihub.sha }}', 'uses gihub, which is not defined: did you mean github?'],
    ['{{ nothing_like_it }}', 'uses nothing_like_it, which is not defined. Templates have github.*']
  ])('%j fails before sending, naming the nearest name', async (message, expected) => {
    expect(failure(await run({ message }))).toContain(`Input 'message' ${expected}`)
    expect(server().requests).toHaveLength(0)
  })

  it.each([
    ['upper', 'upcase'],
    ['length', 'size'],
    ['upcse', 'upcase'],
    ['strp', 'strip']
  ])('suggests the Liquid filter for %s', async (name, hint) => {
    expect(failure(await run({ message: `{{ github.actor | ${name} }}` }))).toContain(
      `undefined filter: ${name} (did you mean '${hint}'?)`
    )
  })

  it('warns, and renders empty, for what the event or the environment does not have', async () => {
    const result = ok(
      await run({
        message: 'PR: {{ github.event.pull_request.titel }} env: {{ env.DEPLOY_ENVIRONMENT }}.'
      })
    )
    expect(result.stdout).toContain(
      "::warning::Input 'message' uses github.event.pull_request, which this event does not have: it renders empty."
    )
    expect(result.stdout).toContain(
      "::warning::Input 'message' uses env.DEPLOY_ENVIRONMENT, which this step's environment does not have: it renders empty."
    )
    expect(server().messages(ROOM)[0]?.body).toBe('PR:  env: .')
  })

  it('does not flag variables the template assigns or loops over', async () => {
    ok(
      await run({
        message: '{% assign who = github.actor %}{% for c in (1..2) %}{{ who }}{{ c }}{% endfor %}'
      })
    )
    expect(server().messages(ROOM)[0]?.body).toBe('octocat1octocat2')
  })
})

describe('the github context', () => {
  it('has the names the runner sets as GITHUB_* variables', async () => {
    ok(
      await run(
        {
          message:
            '{{ github.head_ref }} → {{ github.base_ref }} ({{ github.ref_type }}, repo {{ github.repository_id }}, by {{ github.triggering_actor }}, {{ github.workflow_ref }})'
        },
        {
          GITHUB_HEAD_REF: 'feature/login',
          GITHUB_BASE_REF: 'main',
          GITHUB_REF_TYPE: 'branch',
          GITHUB_REPOSITORY_ID: '123456789',
          GITHUB_TRIGGERING_ACTOR: 'hubot',
          GITHUB_WORKFLOW_REF: 'octo-org/octo-repo/.github/workflows/ci.yml@refs/heads/main'
        }
      )
    )
    expect(server().messages(ROOM)[0]?.body).toBe(
      'feature/login → main (branch, repo 123456789, by hubot, octo-org/octo-repo/.github/workflows/ci.yml@refs/heads/main)'
    )
  })
})

describe('trailing white space', () => {
  it('is trimmed from the rendered message and title, so no line break stands before [/info]', async () => {
    ok(await run({ title: 'Build  {{ github.actor }}\n', message: 'Line one\nLine two\n\n  ' }))
    expect(server().messages(ROOM)[0]?.body).toBe(
      '[info][title]Build  octocat[/title]Line one\nLine two[/info]'
    )
  })

  it('is kept inside a code block the message ends in', async () => {
    ok(await run({ message: 'Log:\n[code]line   \n' }))
    expect(server().messages(ROOM)[0]?.body).toBe('Log:\n[code]line   \n')
  })
})

describe('advice that fits the mistake', () => {
  it('a 404 on update or delete names message-id, not room-id', async () => {
    for (const mode of ['update', 'delete']) {
      const error = failure(await run({ mode, 'message-id': '1234567890123456789', message: 'x' }))
      expect(error).toContain("Check 'message-id': the message may not exist")
      expect(error).not.toContain("Check 'room-id'")
    }
  })

  it("a 403 on update says only the author can edit: someone else's message", async () => {
    const theirs = server().post(ROOM, ALICE, 'mine')
    const error = failure(
      await run({ mode: 'update', 'message-id': theirs.message_id, message: 'x' })
    )
    expect(error).toContain("Only a message's author can edit or delete it")
  })

  it('a refused connection names the host and port it tried', async () => {
    const port = await freePort()
    const error = failure(
      await run({ message: 'x', 'api-base-url': `http://127.0.0.1:${port}/v2`, retries: '0' })
    )
    expect(error).toContain(`could not connect to 127.0.0.1:${port} (ECONNREFUSED)`)
  })

  it('https against a plain-http server says so, and that nothing was sent', async () => {
    const { port } = new URL(server().url)
    const error = failure(
      await run({ message: 'x', 'api-base-url': `https://127.0.0.1:${port}/v2`, retries: '0' })
    )
    expect(error).toContain(
      `could not start TLS with 127.0.0.1:${port}: the server there answers plain http`
    )
    expect(error).not.toContain('may or may not have been posted')
    expect(server().messages(ROOM)).toHaveLength(0)
  })
})

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

  it('refuses a value that is not a proxy URL, without showing its password', async () => {
    const error = failure(await run({ message: 'x', proxy: 'socks5://me:hunter2@proxy:1080' }))
    expect(error).toContain(
      "Input 'proxy' is 'socks5://me:***@proxy:1080'; expected the proxy's URL"
    )
    expect(error).not.toContain('hunter2')
    expect(server().requests).toHaveLength(0)
  })
})

describe('RUNNER_DEBUG', () => {
  it('adds a debug line per request: method, path, status, duration, rate limit; no token, no body', async () => {
    const result = ok(await run({ message: 'secret plan' }, { RUNNER_DEBUG: '1' }))
    expect(result.stdout).toMatch(
      new RegExp(
        `::debug::POST /rooms/${ROOM}/messages: 200 in \\d+ ms; rate limit \\d+ of 300 left, resets \\d{4}-\\d\\d-\\d\\dT`
      )
    )
    const debug = result.stdout.split('\n').filter(l => l.startsWith('::debug::'))
    expect(debug.join('\n')).not.toMatch(new RegExp(`${DEFAULT_TOKEN}|secret plan`))
  })
})

function freePort(): Promise<number> {
  return new Promise(resolve => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })
}
