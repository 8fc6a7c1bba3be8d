/**
 * The default message (src/message/default-message.ts) for each event, language and status,
 * composed as `send` composes it: the GitHub context that the runner's variables and a recorded
 * payload (test/fixtures/events) give, rendered by the real template engine.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { JobStatus, Language } from '../src/constants.js'
import { buildTemplateContext } from '../src/inputs/github-context.js'
import { composeMessage } from '../src/message/compose.js'
import { defaultMessage } from '../src/message/default-message.js'
import { Context } from '../src/runner.js'
import { GITHUB_ENV } from '../tools/run-action.js'
import { recordedEventFile, recordedEventWith } from './support/events.js'

const B = '\u200B'
const RUN = 'https://github.com/octo-org/octo-repo/actions/runs/987654321'
const PR_URL = 'https://github.com/Codertocat/Hello-World/pull/2'
const RUN_URL = 'https://github.com/octo-org/octo-repo/actions/runs/1589141559'

const dirs: string[] = []
afterEach(() => {
  vi.unstubAllEnvs()
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/**
 * The body `send` writes for `event` with `message` empty: the runner's GITHUB_* variables (as
 * the end-to-end runs set them) and the payload in GITHUB_EVENT_PATH, through GitHub's Context.
 */
async function sent(
  event: string,
  payload: string | object,
  language: Language = 'en',
  status?: JobStatus
): Promise<string> {
  for (const [name, value] of Object.entries({ ...GITHUB_ENV, GITHUB_EVENT_NAME: event })) {
    vi.stubEnv(name, value)
  }
  const file = typeof payload === 'string' ? payload : writePayload(payload)
  vi.stubEnv('GITHUB_EVENT_PATH', file)
  const context = buildTemplateContext(
    new Context(),
    { ...GITHUB_ENV, GITHUB_EVENT_NAME: event },
    []
  )
  const { title, template } = defaultMessage(event, language, status)
  return composeMessage({ title, template, accountMap: undefined }, context)
}

function writePayload(payload: object): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'event-'))
  dirs.push(dir)
  const file = path.join(dir, 'event.json')
  writeFileSync(file, JSON.stringify(payload))
  return file
}

/** The lines of the recorded pull request, in English. */
const PULL_REQUEST = [
  '#2 Update the README with new information.',
  'Author: Codertocat',
  'Branches: changes → master',
  PR_URL
]

const box = (title: string, lines: string[]) =>
  `[info][title]${title}[/title]${lines.join('\n')}[/info]`

describe('the default message of each recorded event', () => {
  it.each<[string, string, Language, string, string[]]>([
    [
      'push',
      'push',
      'en',
      'octo-org/octo-repo: push to main',
      ['Branch: main', 'Commit: 0123456 Adding a .gitignore file', 'By: octocat', `Run: ${RUN}`]
    ],
    [
      'push',
      'push',
      'ja',
      'octo-org/octo-repo: main へのプッシュ',
      [
        'ブランチ: main',
        'コミット: 0123456 Adding a .gitignore file',
        '実行者: octocat',
        `実行: ${RUN}`
      ]
    ],
    [
      'pull_request',
      'pull_request.opened',
      'en',
      'octo-org/octo-repo: pull request #2',
      PULL_REQUEST
    ],
    [
      'pull_request',
      'pull_request.review_requested',
      'ja',
      'octo-org/octo-repo: プルリクエスト #2',
      [
        '#2 Update the README with new information.',
        '作成者: Codertocat',
        'ブランチ: changes → master',
        PR_URL
      ]
    ],
    [
      'pull_request_target',
      'pull_request.opened',
      'en',
      'octo-org/octo-repo: pull request #2',
      PULL_REQUEST
    ],
    [
      'release',
      'release.published',
      'en',
      'octo-org/octo-repo 0.0.1',
      ['https://github.com/Codertocat/Hello-World/releases/tag/0.0.1']
    ],
    [
      'release',
      'release.published',
      'ja',
      'octo-org/octo-repo 0.0.1',
      ['https://github.com/Codertocat/Hello-World/releases/tag/0.0.1']
    ],
    [
      'workflow_run',
      'workflow_run.completed',
      'en',
      'octo-org/octo-repo: Manually triggered workflow',
      ['Workflow: Manually triggered workflow', 'Conclusion: queued', 'Branch: main', RUN_URL]
    ],
    [
      'workflow_run',
      'workflow_run.completed',
      'ja',
      'octo-org/octo-repo: Manually triggered workflow',
      ['ワークフロー: Manually triggered workflow', '結果: queued', 'ブランチ: main', RUN_URL]
    ],
    [
      'workflow_dispatch',
      'workflow_dispatch',
      'en',
      'octo-org/octo-repo: CI run by octocat',
      ['Workflow: CI', 'Ref: main', `Run: ${RUN}`]
    ],
    [
      'workflow_dispatch',
      'workflow_dispatch',
      'ja',
      'octo-org/octo-repo: octocat が CI を実行',
      ['ワークフロー: CI', 'Ref: main', `実行: ${RUN}`]
    ],
    [
      'issue_comment',
      'issue_comment.created',
      'en',
      'octo-org/octo-repo: issue_comment',
      ['Event: issue_comment', 'Workflow: CI', 'Ref: main', `Run: ${RUN}`]
    ],
    [
      'issue_comment',
      'issue_comment.created',
      'ja',
      'octo-org/octo-repo: issue_comment',
      ['イベント: issue_comment', 'ワークフロー: CI', 'Ref: main', `実行: ${RUN}`]
    ]
  ])('%s (%s.json), %s', async (event, file, language, title, lines) => {
    expect(await sent(event, recordedEventFile(file), language)).toBe(box(title, lines))
  })
})

describe('the default message of events without a recording', () => {
  it.each<[Language, string, string[]]>([
    ['en', 'octo-org/octo-repo: scheduled run of CI', ['Workflow: CI', 'Ref: main', `Run: ${RUN}`]],
    ['ja', 'octo-org/octo-repo: CI の定期実行', ['ワークフロー: CI', 'Ref: main', `実行: ${RUN}`]]
  ])('schedule, %s', async (language, title, lines) => {
    expect(await sent('schedule', { schedule: '0 3 * * *' }, language)).toBe(box(title, lines))
  })
})

// Recorded payloads with the field under test replaced (recordedEventWith).
describe('the default message of a recorded event, a field changed', () => {
  it('push: the first line of the commit message, escaped; none for a deleted branch', async () => {
    const head_commit = { message: 'Fix the [toall] build\n\nLonger description' }
    expect(
      await sent('push', recordedEventWith('push', { ref: 'refs/heads/main', head_commit }))
    ).toContain(`\nCommit: 0123456 Fix the [${B}toall] build\nBy: octocat\n`)
    // A deleted branch: GitHub sends head_commit null.
    const deleted = recordedEventWith('push', {
      ref: 'refs/heads/old',
      deleted: true,
      head_commit: null
    })
    expect(await sent('push', deleted)).toContain('\nCommit: 0123456\nBy: octocat\n')
  })

  it('pull request: a title that looks like a template is text, not a template', async () => {
    const pull_request = {
      number: 12,
      title: 'Add {{ github.ref_name }} [To:1]',
      user: { login: 'mona' },
      head: { ref: 'feature/parser' },
      base: { ref: 'main' },
      html_url: 'https://github.com/octo-org/octo-repo/pull/12'
    }
    expect(
      await sent('pull_request', recordedEventWith('pull_request.opened', { pull_request }))
    ).toContain(`[/title]#12 Add {{ github.ref_name }} [${B}To:1]\nAuthor: mona\n`)
  })

  it('release: its name after the tag when it differs, and its notes as Chatwork text', async () => {
    const release = {
      tag_name: 'v2.0.0',
      name: 'The big one',
      body: '## Changes\n\n- **RE2** patterns',
      html_url: 'https://github.com/octo-org/octo-repo/releases/tag/v2.0.0'
    }
    expect(await sent('release', recordedEventWith('release.published', { release }))).toBe(
      box('octo-org/octo-repo v2.0.0: The big one', [
        '【Changes】',
        '',
        '・ RE2 patterns',
        '',
        release.html_url
      ])
    )
    const plain = { ...release, name: 'v2.0.0', body: '' }
    expect(await sent('release', recordedEventWith('release.published', { release: plain }))).toBe(
      box('octo-org/octo-repo v2.0.0', [release.html_url])
    )
  })

  it('workflow_run: the conclusion once there is one', async () => {
    const workflow_run = {
      name: 'Nightly',
      conclusion: 'failure',
      status: 'completed',
      head_branch: 'main',
      html_url: 'u'
    }
    const recorded = recordedEventWith('workflow_run.completed', { workflow_run })
    expect(await sent('workflow_run', recorded)).toContain('\nConclusion: failure\n')
  })
})

describe('the status in the title', () => {
  it.each<[JobStatus, Language, string]>([
    ['success', 'en', '(y) octo-org/octo-repo: push to main — succeeded'],
    ['failure', 'en', ':( octo-org/octo-repo: push to main — failed'],
    ['cancelled', 'en', ':| octo-org/octo-repo: push to main — cancelled'],
    ['success', 'ja', '(y) octo-org/octo-repo: main へのプッシュ — 成功'],
    ['failure', 'ja', ':( octo-org/octo-repo: main へのプッシュ — 失敗'],
    ['cancelled', 'ja', ':| octo-org/octo-repo: main へのプッシュ — キャンセル']
  ])('%s, %s', async (status, language, title) => {
    const body = await sent('push', recordedEventFile('push'), language, status)
    expect(body.startsWith(`[info][title]${title}[/title]`)).toBe(true)
  })

  it('marks every event, the fallback too', async () => {
    expect(
      await sent('workflow_dispatch', recordedEventFile('workflow_dispatch'), 'en', 'failure')
    ).toContain('[title]:( octo-org/octo-repo: CI run by octocat — failed[/title]')
    expect(
      await sent('issue_comment', recordedEventFile('issue_comment.created'), 'ja', 'success')
    ).toContain('[title](y) octo-org/octo-repo: issue_comment — 成功[/title]')
  })
})

describe('defaultMessage', () => {
  it("is the action's own text, and errors name it as the event's default", () => {
    const { title, template } = defaultMessage('push', 'en', undefined)
    for (const t of [title, template]) {
      expect(t).toMatchObject({ input: 'message (the default for the event)', builtIn: true })
    }
  })
})
