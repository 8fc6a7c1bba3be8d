/**
 * End-to-end, the bundled action against the emulator: templates: typos in variables, the github
 * context, trailing white space.
 */
import { describe, expect, it } from 'vitest'
import { ROOM } from '../tools/emulator/index.js'
import { failure, ok, runWithEnvOn, useEmulator } from './support/e2e.js'
import { table } from './support/table.js'

const server = useEmulator()
const run = runWithEnvOn(server)

describe('typos in templates', () => {
  table([
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

  table([
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
