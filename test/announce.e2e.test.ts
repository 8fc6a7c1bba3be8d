/**
 * End-to-end: release announcements (the `markdown` filter) and the default messages written
 * when `message` is empty, for each event, language and status, with the bundled action.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOM } from '../tools/emulator/index.js'
import { ROOT, type RunOptions } from '../tools/run-action.js'
import { failure, ok, runAgainst, useEmulator } from './support/e2e.js'

const server = useEmulator()
const B = '\u200B'
const RUN = 'https://github.com/octo-org/octo-repo/actions/runs/987654321'
const notes = readFileSync(path.join(ROOT, 'test/fixtures/release-notes.md'), 'utf8')

function run(inputs: Record<string, string>, options: Omit<RunOptions, 'inputs'> = {}) {
  return runAgainst(server(), inputs, options)
}

/** Runs for `event` with its payload, and returns the posted body. */
async function sent(event: string, payload: object, inputs: Record<string, string> = {}) {
  const result = ok(await run(inputs, { event: payload, env: { GITHUB_EVENT_NAME: event } }))
  return { body: server().messages(ROOM).at(-1)?.body ?? '', result }
}

const release = {
  action: 'published',
  release: {
    tag_name: 'v1.3.0',
    name: 'Version 1.3 [toall]',
    body: notes,
    html_url: 'https://github.com/octo-org/octo-repo/releases/tag/v1.3.0'
  }
}

describe('release announcements', () => {
  it('with no template: the notes as Chatwork notation, in a box titled with the tag', async () => {
    const { body, result } = await sent('release', release, { message: '' })
    expect(body).toMatch(
      new RegExp(
        `^\\[info\\]\\[title\\]octo-org/octo-repo v1\\.3\\.0: Version 1\\.3 \\[${B}toall\\]\\[/title\\]【What's Changed】\n`
      )
    )
    expect(body).toContain(
      '・ Add Markdown support to announcements by @octocat in https://github.com/octo-org/octo-repo/pull/101\n'
    )
    expect(body).toContain(`Fix the parser for [${B}toall] in titles`)
    expect(body).not.toMatch(/##|\*\*|<!--/)
    expect(body).toMatch(
      /Full Changelog: https:\/\/github\.com\/octo-org\/octo-repo\/compare\/v1\.2\.0\.\.\.v1\.3\.0\n\nhttps:\/\/github\.com\/octo-org\/octo-repo\/releases\/tag\/v1\.3\.0\[\/info\]$/
    )
    expect(result.summary).toContain("What's Changed")
  })

  it('with a template: {{ … | markdown }} converts, the rest of the template is as written', async () => {
    const { body } = await sent('release', release, {
      message:
        '[info][title]{{ github.event.release.tag_name }}[/title]{{ github.event.release.body | markdown }}[/info]'
    })
    expect(
      body.startsWith("[info][title]v1.3.0[/title]【What's Changed】\n\n■ Exciting New Features")
    ).toBe(true)
    expect(body.endsWith('compare/v1.2.0...v1.3.0[/info]')).toBe(true)
  })

  it('markdown: N cuts long notes at a block and says so', async () => {
    const long = { release: { ...release.release, body: `${notes}\n\n${'* more\n'.repeat(5000)}` } }
    const { body } = await sent('release', long, {
      message: '{{ github.event.release.body | markdown: 400 }}'
    })
    expect(body.length).toBeLessThanOrEqual(400)
    expect(body.endsWith('\n…(truncated)')).toBe(true)
  })

  it('the default caps the notes at 20000 characters', async () => {
    const long = {
      release: { ...release.release, body: '* a long line of release notes\n'.repeat(800) }
    }
    const { body } = await sent('release', long)
    expect(body).toContain(
      '\n…(truncated)\n\nhttps://github.com/octo-org/octo-repo/releases/tag/v1.3.0[/info]'
    )
    expect(body.length).toBeLessThan(20_300)
  })

  it('a literal [ before the filter cannot make a tag out of the notes', async () => {
    const { body } = await sent(
      'release',
      { release: { ...release.release, body: 'toall] hi' } },
      { message: '[{{ github.event.release.body | markdown }}' }
    )
    expect(body).toBe(`[${B}toall] hi`)
  })

  it('refuses a bad length before any request', async () => {
    const result = await run({ message: '{{ "x" | markdown: "lots" }}' })
    expect(failure(result)).toContain(
      `Input 'message' is not a valid template: the markdown filter's length is "lots"; expected a whole number from 20 to 65535`
    )
    expect(server().requests).toHaveLength(0)
  })
})

const push = {
  ref: 'refs/heads/main',
  head_commit: { message: 'Fix the [toall] build\n\nLonger description' }
}
const pullRequest = {
  pull_request: {
    number: 12,
    title: 'Add the parser {{ github.ref_name }}',
    user: { login: 'mona' },
    head: { ref: 'feature/parser' },
    base: { ref: 'main' },
    html_url: 'https://github.com/octo-org/octo-repo/pull/12'
  }
}
const workflowRun = {
  workflow_run: {
    name: 'Nightly',
    conclusion: 'failure',
    status: 'completed',
    head_branch: 'main',
    html_url: 'https://github.com/octo-org/octo-repo/actions/runs/5'
  }
}

describe('default messages', () => {
  it.each([
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
      { inputs: {} },
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
  it.each([
    ['push', 'push', 'push to'],
    ['pull_request', 'pull_request.opened', 'pull request #'],
    ['pull_request', 'pull_request.review_requested', 'pull request #'],
    ['release', 'release.published', '0.0.1'],
    ['issue_comment', 'issue_comment.created', 'issue_comment'],
    ['workflow_run', 'workflow_run.completed', ''],
    ['workflow_dispatch', 'workflow_dispatch', 'run by']
  ])('%s, recorded (%s.json)', async (event, file, title) => {
    const payload = JSON.parse(
      readFileSync(path.join(ROOT, 'test/fixtures/events', `${file}.json`), 'utf8')
    ) as object
    const { body, result } = await sent(event, payload)
    expect(body).toMatch(/^\[info\]\[title\].+\[\/title\][^]+\[\/info\]$/)
    expect(body.slice(0, body.indexOf('[/title]'))).toContain(title)
    expect(result.stdout).not.toContain('::warning::')
    expect(result.stdout).toContain(
      `Inputs 'message' and 'message-file' are empty: sending the default message for the '${event}' event.`
    )
  })

  it.each([
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
