/**
 * End-to-end: what an attacker who can open a pull request, post in the room, or run a hostile
 * server can make the bundled action do. Every case asserts that no secret of the job reached
 * the emulator, the log, the outputs or the summary.
 */
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ALICE, DEFAULT_TOKEN, ROOM } from '../tools/emulator/index.js'
import type { RunResult } from '../tools/run-action.js'
import { failure, ok, runAgainst, useEmulator } from './support/e2e.js'
import { pullRequestWith, recordedEventWith } from './support/events.js'
import {
  FORBIDDEN_FILES,
  FORBIDDEN_FILES_WORKSPACE,
  INVALID_POSTED_IDS
} from './support/hostile-values.js'
import { table } from './support/table.js'

const server = useEmulator()

/** Secrets a job has: a step's env, the runner's own tokens. */
const SECRETS = {
  DEPLOY_KEY: 'deploy-key-7f3a9c21e5',
  GITHUB_TOKEN: 'ghs_runnertoken0123456789',
  ACTIONS_RUNTIME_TOKEN: 'runtime-token-eyJhbGciOi',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-request-token-55aa'
}

/** Asserts that no secret, in clear or base64, reached anything anyone can read. */
function expectNoLeak(result: RunResult): void {
  const sent = server()
    .requests.map(r => r.body.toString('utf8'))
    .join('\n')
  const outputs = JSON.stringify(result.outputs)
  const readable = [
    sent,
    decodeURIComponent(sent.replaceAll('+', ' ')),
    result.stdout.replace(`::add-mask::${DEFAULT_TOKEN}`, ''),
    result.stderr,
    outputs,
    result.summary
  ].join('\n')
  for (const secret of [...Object.values(SECRETS), DEFAULT_TOKEN]) {
    expect(readable).not.toContain(secret)
    expect(readable).not.toContain(Buffer.from(secret).toString('base64').slice(0, 16))
  }
}

const pullRequest = (title: string, body?: string, headRef?: string) =>
  pullRequestWith({ title, body, headRef })

function runWith(inputs: Record<string, string>, event: object, eventName = 'pull_request') {
  return runAgainst(server(), inputs, {
    event,
    env: { ...SECRETS, GITHUB_EVENT_NAME: eventName }
  })
}

describe('workflow expressions pasted into a template', () => {
  table([
    '{{ env.DEPLOY_KEY }}',
    '{% for k in env %}{{ k[0] }}={{ k[1] }} {% endfor %}',
    '{{ env.DEPLOY_KEY | base64_encode }}',
    '[toall] urgent',
    '[To:2002] hi',
    '[INFO]boxed[/info]'
  ])('refuses a PR title %j pasted with ${{ }}, before any request', async title => {
    // What the runner makes of message: "New PR: ${{ github.event.pull_request.title }}"
    const result = await runWith({ message: `New PR: ${title}` }, pullRequest(title))
    const error = failure(result)
    expect(error).toContain("Input 'message' contains the text of github.event.pull_request.title")
    expect(error).toContain('Write {{ github.event.pull_request.title }} instead')
    expect(server().requests).toHaveLength(0)
    expectNoLeak(result)
  })

  it('checks title and message-file too, and names array paths', async () => {
    const event = recordedEventWith('push', {
      commits: [{ message: 'ok' }, { message: 'x {{ env.DEPLOY_KEY }}' }]
    })
    const fromTitle = await runWith(
      { message: 'Build', title: 'x {{ env.DEPLOY_KEY }}' },
      event,
      'push'
    )
    expect(failure(fromTitle)).toContain(
      "Input 'title' contains the text of github.event.commits[1].message"
    )
    const fromFile = await runAgainst(
      server(),
      { 'message-file': 'msg.txt' },
      {
        event,
        env: { ...SECRETS, GITHUB_EVENT_NAME: 'push' },
        files: { 'msg.txt': 'Pushed: x {{ env.DEPLOY_KEY }}\n' }
      }
    )
    expect(failure(fromFile)).toContain(
      "Input 'message-file' contains the text of github.event.commits[1].message"
    )
    expect(server().requests).toHaveLength(0)
    expectNoLeak(fromFile)
  })

  it('sends the safe form escaped: the title as text, no tag, no secret', async () => {
    const title = '[toall] {{ env.DEPLOY_KEY }}'
    const result = ok(
      await runWith(
        { message: 'New PR: {{ github.event.pull_request.title }}' },
        pullRequest(title)
      )
    )
    const body = server().messages(ROOM)[0]?.body ?? ''
    expect(body.replaceAll('\u200B', '')).toBe(`New PR: ${title}`)
    expect(body).not.toContain('[toall]')
    expectNoLeak(result)
  })

  it('exempts workflow_dispatch inputs, which only people with write access set', async () => {
    const event = { inputs: { note: '[info]Release[/info]' } }
    expectNoLeak(
      ok(await runWith({ message: 'Deploy: [info]Release[/info]' }, event, 'workflow_dispatch'))
    )
    expect(server().messages(ROOM)[0]?.body).toBe('Deploy: [info]Release[/info]')
  })

  it('breaks a value that begins a tag after a literal [ of the template', async () => {
    expectNoLeak(
      ok(
        await runWith(
          { message: 'Branch [{{ github.event.pull_request.head.ref }}] is ready' },
          pullRequest('ok', 'body', 'toall')
        )
      )
    )
    const body = server().messages(ROOM)[0]?.body ?? ''
    expect(body).toBe('Branch [\u200Btoall] is ready')
  })
})

describe('what a template can reach', () => {
  it("keeps the runner's secrets out of env", async () => {
    ok(
      await runWith(
        { message: '{% for k in env %}{{ k[0] }}={{ k[1] }};{% endfor %}|{{ env.DEPLOY_KEY }}' },
        pullRequest('ok')
      )
    )
    const body = server().messages(ROOM)[0]?.body ?? ''
    expect(body).toContain('GITHUB_REPOSITORY=octo-org/octo-repo')
    expect(body).not.toMatch(/ACTIONS_|GITHUB_TOKEN|INPUT_/)
    for (const name of [
      'GITHUB_TOKEN',
      'ACTIONS_RUNTIME_TOKEN',
      'ACTIONS_ID_TOKEN_REQUEST_TOKEN'
    ] as const) {
      expect(body).not.toContain(SECRETS[name])
    }
    // A step's own env is the user's to pass: it is there.
    expect(body).toContain(`|${SECRETS.DEPLOY_KEY}`)
  })

  table(['include', 'render', 'layout'])(
    "refuses the '%s' tag without evaluating its argument",
    async tag => {
      const result = await runWith({ message: `{% ${tag} env.DEPLOY_KEY %}` }, pullRequest('ok'))
      expect(failure(result)).toContain(`the '${tag}' tag is not available`)
      expect(server().requests).toHaveLength(0)
      expectNoLeak(result)
    }
  )

  table([
    [
      'a doubling capture',
      '{% assign s = "aaaaaaaaaa" %}{% for i in (1..40) %}{% capture s %}{{ s }}{{ s }}{% endcapture %}{% endfor %}{{ s | size }}'
    ],
    ['a sort chain', '{% assign a = (1..5000000) | sort | sort | sort | sort %}{{ a | size }}'],
    ['a long loop', '{% for i in (1..100000000) %}x{% endfor %}']
  ])('stops %s quickly, with a clear error', async (_, message) => {
    // Timed against a step that sends nothing, so the machine's speed is in both: coverage's
    // children take seconds to start.
    const still = await runWith({ message: 'ok', 'dry-run': 'true' }, pullRequest('ok'))
    const result = await runWith({ message }, pullRequest('ok'))
    expect(failure(result)).toMatch(/Input 'message' is not a valid template: .*limit exceeded/)
    expectNoLeak(result)
    expect(result.ms).toBeLessThan(ok(still).ms + 5_000)
    expect(server().requests).toHaveLength(0)
  })
})

describe('files', () => {
  table(FORBIDDEN_FILES)('refuses %s: %s', async (input, value, expected) => {
    const result = await runAgainst(
      server(),
      { [input]: value, message: input === 'file' ? 'x' : '' },
      { env: SECRETS, ...FORBIDDEN_FILES_WORKSPACE }
    )
    const error = failure(result)
    expect(error).toContain(`Input '${input}' is '${value}'`)
    expect(error).toContain(expected)
    if (expected === 'outside the job')
      expect(error).toContain('Files must be inside GITHUB_WORKSPACE')
    expect(server().requests).toHaveLength(0)
    expectNoLeak(result)
  })

  it('accepts a file in RUNNER_TEMP, and refuses a message file over 1 MB before reading it', async () => {
    const temp = await mkdtemp(path.join(tmpdir(), 'runner-temp-'))
    try {
      await writeFile(path.join(temp, 'notes.md'), 'From RUNNER_TEMP')
      await writeFile(path.join(temp, 'big.md'), Buffer.alloc(1024 * 1024 + 1, 'a'))
      await symlink(path.join(temp, 'notes.md'), path.join(temp, 'link.md'))
      const env = { ...SECRETS, RUNNER_TEMP: temp }
      expectNoLeak(
        ok(await runAgainst(server(), { 'message-file': path.join(temp, 'link.md') }, { env }))
      )
      expect(server().messages(ROOM)[0]?.body).toBe('From RUNNER_TEMP')
      const big = await runAgainst(server(), { 'message-file': path.join(temp, 'big.md') }, { env })
      expectNoLeak(big)
      expect(failure(big)).toContain(
        'the file has 1048577 bytes; a message file may have at most 1 MB'
      )
    } finally {
      await rm(temp, { recursive: true, force: true })
    }
  })
})

describe('a room member cannot hang the gate', () => {
  it('matches catastrophic patterns against hostile bodies in linear time', async () => {
    server().post(ROOM, ALICE, `${'a'.repeat(33)}!`)
    server().post(ROOM, ALICE, `${'a'.repeat(10_000)}!`)
    // Against the same step with a pattern that cannot backtrack, on the same bodies: the
    // machine's speed (coverage's children start in seconds) is in both. A backtracking matcher
    // takes 2^33 steps on the first body (more than 30 s on Node 20, src/inputs/pattern.ts);
    // the second tests the cap on what a pattern reads (its first 4,000 characters). So the
    // bound can be loose: under coverage, with 6 files at once on 2 cores, one run took 3.3 s
    // against the plain run's 1.1 s.
    const plain = await runAgainst(server(), { mode: 'fetch', match: '^b$' }, { env: SECRETS })
    for (const match of ['^(a+)+$', '/^(a+)+$/i']) {
      const result = ok(await runAgainst(server(), { mode: 'fetch', match }, { env: SECRETS }))
      expectNoLeak(result)
      expect(result.ms).toBeLessThan(4 * ok(plain).ms + 5_000)
      expect(result.outputs.decision).toBeDefined()
    }
  })
})

describe('nothing in a message speaks to the runner', () => {
  it('prints a dry run inside stop-commands, with ##[ broken, and keeps the summary one block', async () => {
    const message = [
      'line',
      '::error file=x,line=1::spoofed',
      '::set-output name=message-id::666',
      '::stop-commands::x',
      '##[error]old style',
      '',
      '# a heading\r<img src=x>\r\nend'
    ].join('\n')
    const result = ok(await runAgainst(server(), { message, 'dry-run': 'true' }, { env: SECRETS }))
    expectNoLeak(result)
    // Outside the stop-commands blocks, as the runner reads the log, no line is a command.
    let token: string | undefined
    let blocks = 0
    for (const line of result.stdout.split('\n')) {
      if (token === undefined) {
        token = /^::stop-commands::([0-9a-f-]{36})$/.exec(line)?.[1]
        if (token) blocks += 1
        else expect(line).not.toMatch(/^::(error|set-output|stop-commands::x)/)
      } else if (line === `::${token}::`) token = undefined
    }
    expect(blocks).toBe(2)
    expect(token).toBeUndefined()
    expect(result.stdout).not.toContain('##[error]')
    expect(result.outputs).toEqual({ ok: 'true' })
    expect(result.summary).not.toMatch(/\n\n|\r|<img/)
  })
})

describe('hostile or broken servers', () => {
  table(INVALID_POSTED_IDS)(
    'refuses a message_id of %s as an id, but a 2xx means delivered: id unknown, never sent again',
    async (_, body) => {
      // Changed with "Safe by construction" (item 8): this was a failure ("not delivered"), which
      // a re-run would have posted a second time.
      server().inject({ times: 1, method: 'POST', fault: { kind: 'status', status: 200, body } })
      const result = ok(await runAgainst(server(), { message: 'hi' }, { env: SECRETS }))
      expectNoLeak(result)
      expect(result.stdout).toMatch(
        /Chatwork's response to POST \/rooms\/\d+\/messages was invalid/
      )
      expect(result.stdout).toMatch(/::warning::Sent the message to room \d+ .*its id is unknown/)
      expect(result.stdout + result.stderr).not.toMatch(/RangeError|\n\s+at /)
      expect(result.outputs['message-id']).toBe('')
      expect(result.outputs.ok).toBe('true')
      expect(server().requestsTo('POST')).toHaveLength(1)
    }
  )

  it('stops reading a response past 10 MB', async () => {
    const huge = `[${'"x",'.repeat(3_000_000)}"x"]`
    server().inject({ times: 1, method: 'GET', fault: { kind: 'status', status: 200, body: huge } })
    const result = await runAgainst(server(), { mode: 'fetch' }, { env: SECRETS })
    expectNoLeak(result)
    expect(failure(result)).toContain('was larger than 10 MB; the action stopped reading it')
  })
})
