/**
 * End-to-end, the bundled action against the emulator: the default messages written when `message`
 * is empty, for each event, language and status.
 */
import { describe, expect, it } from 'vitest'
import { ROOM } from '../tools/emulator/index.js'
import { ok, runOn, sentOn, useEmulator } from './support/e2e.js'
import { table } from './support/table.js'
import { recordedEvent, recordedEventWith } from './support/events.js'

const server = useEmulator()
const B = '\u200B'
const RUN = 'https://github.com/octo-org/octo-repo/actions/runs/987654321'

const run = runOn(server)

const sent = sentOn(server)

// Recorded payloads (test/fixtures/events), with the fields each row is about replaced.
const push = recordedEventWith('push', {
  ref: 'refs/heads/main',
  head_commit: { message: 'Fix the [toall] build\n\nLonger description' }
})
const pullRequest = recordedEventWith('pull_request.opened', {
  pull_request: {
    number: 12,
    title: 'Add the parser {{ github.ref_name }}',
    user: { login: 'mona' },
    head: { ref: 'feature/parser' },
    base: { ref: 'main' },
    html_url: 'https://github.com/octo-org/octo-repo/pull/12'
  }
})
const workflowRun = recordedEventWith('workflow_run.completed', {
  workflow_run: {
    name: 'Nightly',
    conclusion: 'failure',
    status: 'completed',
    head_branch: 'main',
    html_url: 'https://github.com/octo-org/octo-repo/actions/runs/5'
  }
})

describe('default messages', () => {
  table([
    [
      'push',
      push,
      'octo-org/octo-repo: push to main',
      `Branch: main\nCommit: 0123456 Fix the [${B}toall] build\nBy: octocat\nRun: ${RUN}`
    ],
    [
      'pull_request',
      pullRequest,
      'octo-org/octo-repo: pull request #12',
      '#12 Add the parser {{ github.ref_name }}\nAuthor: mona\nBranches: feature/parser → main\nhttps://github.com/octo-org/octo-repo/pull/12'
    ],
    [
      'workflow_run',
      workflowRun,
      'octo-org/octo-repo: Nightly',
      'Workflow: Nightly\nConclusion: failure\nBranch: main\nhttps://github.com/octo-org/octo-repo/actions/runs/5'
    ],
    [
      'schedule',
      { schedule: '0 3 * * *' },
      'octo-org/octo-repo: scheduled run of CI',
      `Workflow: CI\nRef: main\nRun: ${RUN}`
    ],
    [
      'workflow_dispatch',
      recordedEvent('workflow_dispatch'),
      'octo-org/octo-repo: CI run by octocat',
      `Workflow: CI\nRef: main\nRun: ${RUN}`
    ],
    [
      'issues',
      { action: 'opened' },
      'octo-org/octo-repo: issues',
      `Event: issues\nWorkflow: CI\nRef: main\nRun: ${RUN}`
    ]
  ])('%s', async (event, payload, title, text) => {
    const { body } = await sent(event, payload)
    expect(body).toBe(`[info][title]${title}[/title]${text}[/info]`)
  })

  // Payloads recorded from GitHub (test/fixtures/events): the default reads every one of them
  // without a warning, and the log says the default was sent.
  table([
    ['push', 'push', 'push to'],
    ['pull_request', 'pull_request.opened', 'pull request #'],
    ['pull_request', 'pull_request.review_requested', 'pull request #'],
    ['release', 'release.published', '0.0.1'],
    ['issue_comment', 'issue_comment.created', 'issue_comment'],
    ['workflow_run', 'workflow_run.completed', ''],
    ['workflow_dispatch', 'workflow_dispatch', 'run by']
  ])('%s, recorded (%s.json)', async (event, file, title) => {
    const { body, result } = await sent(event, recordedEvent(file))
    expect(body).toMatch(/^\[info\]\[title\].+\[\/title\][^]+\[\/info\]$/)
    expect(body.slice(0, body.indexOf('[/title]'))).toContain(title)
    expect(result.stdout).not.toContain('::warning::')
    expect(result.stdout).toContain(
      `Inputs 'message' and 'message-file' are empty: sending the default message for the '${event}' event.`
    )
  })

  table([
    ['success', '(y) octo-org/octo-repo: push to main — succeeded'],
    ['failure', ':( octo-org/octo-repo: push to main — failed'],
    ['cancelled', ':| octo-org/octo-repo: push to main — cancelled']
  ])('status %s sets the mark and the wording', async (status, title) => {
    const { body } = await sent('push', push, { status })
    expect(body.startsWith(`[info][title]${title}[/title]Branch: main\n`)).toBe(true)
  })

  it('in Japanese', async () => {
    const { body } = await sent('push', push, { language: 'ja', status: 'failure' })
    expect(body).toBe(
      `[info][title]:( octo-org/octo-repo: main へのプッシュ — 失敗[/title]ブランチ: main\nコミット: 0123456 Fix the [${B}toall] build\n実行者: octocat\n実行: ${RUN}[/info]`
    )
    const pr = await sent('pull_request', pullRequest, { language: 'ja' })
    expect(pr.body).toContain('[title]octo-org/octo-repo: プルリクエスト #12[/title]')
    expect(pr.body).toContain('作成者: mona\nブランチ: feature/parser → main')
  })

  it('keeps the mentions in front and a title given by the workflow', async () => {
    const { body } = await sent('push', push, { to: '2002', title: 'Build {{ github.ref_name }}' })
    expect(body.startsWith('[To:2002]\n[info][title]Build main[/title]Branch: main\n')).toBe(true)
  })

  it('a push without a head commit (a deleted branch) still reads well', async () => {
    const { body, result } = await sent('push', { ref: 'refs/heads/old' })
    expect(body).toContain('Commit: 0123456\nBy: octocat')
    expect(result.stdout).not.toContain('::warning::')
  })

  it('a file without a message still goes alone', async () => {
    ok(await run({ file: 'a.txt' }, { files: { 'a.txt': 'abc' } }))
    expect(server().messages(ROOM).at(-1)?.body).toMatch(
      /^\[info\]\[title\]\[dtext:file_uploaded\]/
    )
  })
})
