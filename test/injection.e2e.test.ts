/**
 * End-to-end: the security review's findings on pasted event text and on `env` in templates,
 * each run through the bundled action. Every case asserts that no secret reached the emulator,
 * the log, the outputs or the summary.
 */
import { describe, expect, it } from 'vitest'
import { ALICE, DEFAULT_TOKEN, ROOM } from '../tools/emulator/index.js'
import type { RunResult } from '../tools/run-action.js'
import { failure, ok, runAgainst, useEmulator } from './support/e2e.js'
import { pullRequestWith, recordedEventWith } from './support/events.js'

const server = useEmulator()

const DEPLOY_KEY = 'deploy-key-7f3a9c21e5'
const GH_TOKEN = 'ghs_ghclitoken0123456789'

/** Asserts that neither the token nor the job's secrets reached anything anyone can read. */
function expectNoLeak(result: RunResult, secrets = [DEPLOY_KEY, GH_TOKEN, DEFAULT_TOKEN]): void {
  const sent = server()
    .requests.map(r => r.body.toString('utf8'))
    .join('\n')
  const readable = [
    sent,
    decodeURIComponent(sent.replaceAll('+', ' ')),
    result.stdout.replace(`::add-mask::${DEFAULT_TOKEN}`, ''),
    result.stderr,
    JSON.stringify(result.outputs),
    result.summary
  ].join('\n')
  for (const secret of secrets) {
    expect(readable).not.toContain(secret)
  }
}

const pullRequest = (title: string, body?: string, headRef?: string) =>
  pullRequestWith({ title, body, headRef })

function run(
  inputs: Record<string, string>,
  event: object,
  env: Record<string, string> = {}
): Promise<RunResult> {
  return runAgainst(server(), inputs, {
    event,
    env: { DEPLOY_KEY, GH_TOKEN, GITHUB_EVENT_NAME: 'pull_request', ...env }
  })
}

describe('event text pasted into a template, changed on the way', () => {
  it('refuses a title pasted with toJSON', async () => {
    const title = 'Fix " {{ env.DEPLOY_KEY }}'
    // What the runner makes of message: 'New PR: ${{ toJSON(github.event.pull_request.title) }}'
    const result = await run({ message: `New PR: ${JSON.stringify(title)}` }, pullRequest(title))
    expect(failure(result)).toContain(
      "Input 'message' contains the text of github.event.pull_request.title"
    )
    expect(server().requests).toHaveLength(0)
    expectNoLeak(result)
  })

  it('refuses a commit subject, part of head_commit.message', async () => {
    const event = recordedEventWith('push', {
      ref: 'refs/heads/main',
      head_commit: { message: 'Fix {{ env.DEPLOY_KEY }}\n\nA longer description.' }
    })
    const result = await run({ message: 'Pushed: Fix {{ env.DEPLOY_KEY }}' }, event, {
      GITHUB_EVENT_NAME: 'push'
    })
    expect(failure(result)).toContain('contains the text of github.event.head_commit.message')
    expect(server().requests).toHaveLength(0)
    expectNoLeak(result)
  })

  it('refuses a branch named {{env.DEPLOY_KEY}} pasted from github.ref_name', async () => {
    const event = { ref: 'refs/heads/{{env.DEPLOY_KEY}}' }
    const result = await run({ message: 'Built {{env.DEPLOY_KEY}}' }, event, {
      GITHUB_EVENT_NAME: 'push',
      GITHUB_REF: 'refs/heads/{{env.DEPLOY_KEY}}',
      GITHUB_REF_NAME: '{{env.DEPLOY_KEY}}'
    })
    const error = failure(result)
    expect(error).toMatch(/contains the text of github\.(event\.)?ref/)
    expect(server().requests).toHaveLength(0)
    expectNoLeak(result)
  })

  it('still sends when a PR body quotes the safe form the team uses', async () => {
    const body = 'Our bot posts "New PR: {{ github.event.pull_request.title }}" for this.'
    const result = ok(
      await run(
        { message: 'New PR: {{ github.event.pull_request.title }}' },
        pullRequest('Fix the docs', body)
      )
    )
    expect(server().messages(ROOM)[0]?.body).toBe('New PR: Fix the docs')
    expectNoLeak(result)
  })

  it('exempts workflow_dispatch inputs', async () => {
    const event = { inputs: { note: '{{ github.actor }} [info]Release[/info]' } }
    const result = ok(
      await run({ message: 'Deploy: [info]Release[/info]' }, event, {
        GITHUB_EVENT_NAME: 'workflow_dispatch'
      })
    )
    expect(server().messages(ROOM)[0]?.body).toBe('Deploy: [info]Release[/info]')
    expectNoLeak(result)
  })
})

describe('env in templates', () => {
  it("yields nothing of the action's token, under its name, another one, or inside a value", async () => {
    const result = ok(
      await run(
        {
          message:
            'a{{ env.CHATWORK_API_TOKEN }}b{{ env.CW }}c{{ env.HEADER }}d{{ env.GH_TOKEN }}e{{ env.GITHUB_TOKEN }}f|{% for k in env %}{{ k[0] }}={{ k[1] }};{% endfor %}'
        },
        pullRequest('ok'),
        {
          CHATWORK_API_TOKEN: DEFAULT_TOKEN,
          CW: DEFAULT_TOKEN,
          HEADER: `X-ChatWorkToken: ${DEFAULT_TOKEN}`,
          GITHUB_TOKEN: 'ghs_runnertoken0123456789',
          SAFE: 'visible'
        }
      )
    )
    const body = server().messages(ROOM)[0]?.body ?? ''
    expect(body.startsWith('abcdef|')).toBe(true)
    expect(body).not.toMatch(/CHATWORK_API_TOKEN|CW=|HEADER|GH_TOKEN|GITHUB_TOKEN|INPUT_|ghs_/)
    // The workflow author's own variables stay theirs to print.
    expect(body).toContain('SAFE=visible;')
    expect(body).toContain(`DEPLOY_KEY=${DEPLOY_KEY};`)
    expect(result.stdout).toContain('uses env.CHATWORK_API_TOKEN, which this step')
    expectNoLeak(result, [GH_TOKEN, DEFAULT_TOKEN, 'ghs_runnertoken0123456789'])
  })
})

describe('event text pasted into a pattern', () => {
  it('refuses match with a branch x| pasted in, before any request', async () => {
    // What the runner makes of match: '^/deploy ${{ github.head_ref }}$'
    const result = await run(
      { mode: 'fetch', match: '^/deploy x|$' },
      pullRequest('ok', '', 'x|'),
      {
        GITHUB_HEAD_REF: 'x|'
      }
    )
    const error = failure(result)
    expect(error).toMatch(
      /Input 'match' contains the text of github\.(event\.pull_request\.head\.ref|head_ref) \('x\|'\)/
    )
    expect(error).toContain('(here: \\Qx|\\E)')
    expect(server().requests).toHaveLength(0)
  })

  it('accepts the quoted form, which matches the branch literally', async () => {
    const inputs = { mode: 'fetch', match: '^/deploy \\Qx|\\E$', 'reject-match': '\\Qx|\\E-no' }
    const gate = () => run(inputs, pullRequest('ok', '', 'x|'), { GITHUB_HEAD_REF: 'x|' })
    // Unquoted, '^/deploy x|$' would match this message too.
    server().post(ROOM, ALICE, 'hello')
    expect(ok(await gate()).outputs.matched).toBe('false')
    server().post(ROOM, ALICE, '/deploy x|')
    expect(ok(await gate()).outputs.matched).toBe('true')
  })
})
