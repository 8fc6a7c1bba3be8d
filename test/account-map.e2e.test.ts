/**
 * End-to-end, the bundled action against the emulator: GitHub logins mapped to Chatwork accounts
 * (`account-map`, inline or from a file, `to` with logins, the `chatwork_to` filter, tasks for
 * requested reviewers).
 */
import { describe, expect, it } from 'vitest'
import { ALICE, BOB, CAROL, ROOM } from '../tools/emulator/index.js'
import { failure, ok, runOn, useEmulator } from './support/e2e.js'
import { recordedEventWith } from './support/events.js'
import { table } from './support/table.js'

const server = useEmulator()
const run = runOn(server)

/** Alice is octocat on GitHub, Bob is hubot, Carol is mona. */
const MAP = `octocat: ${ALICE.account_id}\nHubot: '${BOB.account_id}'\nmona: ${CAROL.account_id}\n`

describe('account-map', () => {
  it('lets to list GitHub logins; a login it lacks is a warning, and the message goes', async () => {
    const result = ok(
      await run({ message: 'Release ready', to: '@OctoCat, hubot, ghost', 'account-map': MAP })
    )
    expect(server().messages(ROOM).at(-1)?.body).toBe(
      `[To:${ALICE.account_id}][To:${BOB.account_id}]\nRelease ready`
    )
    expect(result.stdout).toContain(
      "::warning::Input 'to': 'ghost' is not in 'account-map'; left out."
    )
  })

  it('chatwork_to mentions the requested reviewers; everything else stays escaped', async () => {
    const event = recordedEventWith('pull_request.review_requested', {
      pull_request: {
        number: 7,
        title: '[toall] Fix it',
        requested_reviewers: [{ login: 'octocat' }, { login: 'mona' }, { login: 'stranger' }]
      }
    })
    const result = ok(
      await run(
        {
          message:
            '{{ github.event.pull_request.requested_reviewers | map: "login" | chatwork_to }} please review #{{ github.event.pull_request.number }} {{ github.event.pull_request.title }}',
          'account-map': MAP
        },
        { event, env: { GITHUB_EVENT_NAME: 'pull_request' } }
      )
    )
    expect(server().messages(ROOM).at(-1)?.body).toBe(
      `[To:${ALICE.account_id}][To:${CAROL.account_id}] please review #7 [\u200Btoall] Fix it`
    )
    expect(result.stdout).toContain(
      "::warning::chatwork_to: 'stranger' is not in 'account-map'; no mention for it."
    )
  })

  it('reads the map from a file in the workspace with @path', async () => {
    ok(
      await run(
        { mode: 'task', message: 'Review', to: 'octocat', 'account-map': '@.github/chatwork.yml' },
        { files: { '.github/chatwork.yml': MAP } }
      )
    )
    expect(server().tasks(ROOM)[0]?.account.account_id).toBe(ALICE.account_id)
  })

  it('a task for two reviewers by login, due in 2 days', async () => {
    const event = recordedEventWith('pull_request.review_requested', {
      pull_request: {
        number: 12,
        title: 'Add the parser',
        html_url: 'https://github.com/octo-org/octo-repo/pull/12',
        requested_reviewers: [{ login: 'octocat' }, { login: 'hubot' }]
      }
    })
    const result = ok(
      await run(
        {
          mode: 'task',
          // What `${{ join(github.event.pull_request.requested_reviewers.*.login) }}` gives.
          to: 'octocat,hubot',
          message:
            'Review #{{ github.event.pull_request.number }} {{ github.event.pull_request.title }}\n{{ github.event.pull_request.html_url }}',
          'task-due': '2d',
          'account-map': MAP
        },
        { event, env: { GITHUB_EVENT_NAME: 'pull_request' } }
      )
    )
    expect(
      server()
        .tasks(ROOM)
        .map(t => t.account.account_id)
    ).toEqual([ALICE.account_id, BOB.account_id])
    expect(JSON.parse(result.outputs['task-ids'] ?? '')).toHaveLength(2)
  })

  it('task: when no login maps to anyone, there is no one to assign', async () => {
    const result = await run({ mode: 'task', message: 'x', to: 'ghost', 'account-map': MAP })
    expect(failure(result)).toContain(
      "Input 'to' has no one to assign the task to: none of its logins are in 'account-map'"
    )
    expect(server().requests).toHaveLength(0)
  })

  table([
    [
      { 'account-map': 'octocat: 2002\nhubot: abc\n' },
      "Input 'account-map', line 2: the account id of 'hubot' is '\"abc\"'; expected a Chatwork account id (digits only)."
    ],
    [
      { 'account-map': 'octocat: 2002\nnot_a_login: 3\n' },
      "Input 'account-map', line 2: 'not_a_login' is not a GitHub login"
    ],
    [
      { 'account-map': 'octocat: 2002\nhubot: 3003\nOctoCat: 4004\n' },
      "Input 'account-map', line 3: 'OctoCat' is already mapped on line 1 (logins are compared without case)."
    ],
    [
      { 'account-map': 'octocat: 2002\n  hubot: 3003: 4\n' },
      "Input 'account-map' is not valid YAML (line 2)"
    ],
    [
      { 'account-map': '- octocat\n- hubot\n' },
      "Input 'account-map' is not a mapping from GitHub login"
    ],
    [
      { 'account-map': 'octocat:\n  id: 2002\n' },
      "Input 'account-map', line 1: the account id of 'octocat' is '{\"id\":\"2002\"}'"
    ],
    [{ 'account-map': '@../../etc/passwd' }, "Input 'account-map'"],
    [
      { to: 'octocat' },
      "Input 'to' has 'octocat'; expected Chatwork account ids (digits only), or GitHub logins when 'account-map' is set"
    ],
    [
      { message: '{{ "octocat" | chatwork_to }}' },
      "Input 'message' is not a valid template: the chatwork_to filter needs the 'account-map' input"
    ]
  ])('refuses %j before any request', async (inputs, expected) => {
    const result = await run({ message: 'x', ...inputs })
    expect(failure(result)).toContain(expected)
    expect(server().requests).toHaveLength(0)
  })
})
