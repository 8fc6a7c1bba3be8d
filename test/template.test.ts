import { describe, expect, it } from 'vitest'
import { InputError } from '../src/errors.js'
import { renderTemplate } from '../src/message/template.js'
import { buildTemplateContext } from '../src/inputs/github-context.js'
import { ChatworkEmulator } from '../tools/emulator/index.js'

const hostile = '[toall] [To:123] [info]x[/info] [rp aid=5 to=1-2] [qt]q[/qt] [/code]'

function render(template: string, context: object = {}): Promise<string> {
  return renderTemplate(template, context, 'message')
}

describe('escaping Chatwork notation in values', () => {
  it('keeps the text but breaks every tag in an interpolated value', async () => {
    const out = await render('{{ title }}', { title: hostile })
    expect(out.replaceAll('\u200B', '')).toBe(hostile)
    expect(ChatworkEmulator.mentions(out)).toEqual({ to: [], toAll: false })
    expect(out).not.toMatch(/\[(toall|To:|info|rp |qt|\/code)/)
  })

  it('leaves tags written in the template itself working', async () => {
    const out = await render('[toall][To:123] [info][title]{{ t }}[/title]ok[/info]', {
      t: '[To:9]'
    })
    expect(out).toBe('[toall][To:123] [info][title][\u200BTo:9][/title]ok[/info]')
    expect(ChatworkEmulator.mentions(out)).toEqual({ to: [123], toAll: true })
  })

  it('escapes after filters, so a filter cannot rebuild a tag', async () => {
    const out = await render('{{ a | append: "toall]" }} {{ b | upcase }}', {
      a: '[',
      b: '[toall]'
    })
    expect(ChatworkEmulator.mentions(out)).toEqual({ to: [], toAll: false })
  })

  it('lets the raw filter opt a value out', async () => {
    expect(await render('{{ v | raw }}', { v: '[To:42]' })).toBe('[To:42]')
  })

  it('prints numbers as they are and objects as JSON', async () => {
    expect(await render('{{ n }} {{ o }}', { n: 42, o: { a: 1 } })).toBe('42 {"a":1}')
  })
})

describe('template errors', () => {
  it.each([
    [
      '{% if x %}never closed',
      /Input 'message' is not a valid template: tag \{% if x %\} not closed, line:1, col:1/
    ],
    ['{{ x | no_such_filter }}', /undefined filter: no_such_filter/],
    ['line one\nline two {{ x ', /output "\{\{ x " not closed, line:2/]
  ])('names the input and the place for %j', async (template, expected) => {
    const error = await render(template).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InputError)
    expect((error as Error).message).toMatch(expected)
  })

  it('cannot read files of the runner', async () => {
    await expect(render('{% include "/etc/passwd" %}')).rejects.toThrow(InputError)
    await expect(render('{% render "package.json" %}')).rejects.toThrow(InputError)
  })
})

describe('template context', () => {
  const githubContext = {
    payload: {
      head_commit: { message: 'Fix [toall]' },
      repository: { full_name: 'o/r', name: 'r', owner: { login: 'o' } }
    },
    eventName: 'push',
    sha: 'abcdef1234567890',
    ref: 'refs/tags/v1.2.3',
    workflow: 'CI',
    action: 'x',
    actor: 'octocat',
    job: 'build',
    runAttempt: 2,
    runNumber: 7,
    runId: 99,
    apiUrl: 'https://api.github.com',
    serverUrl: 'https://github.com',
    graphqlUrl: '',
    issue: { owner: 'o', repo: 'r', number: 0 },
    repo: { owner: 'o', repo: 'r' }
  }

  it('names fields like the workflow github context and builds run_url', async () => {
    const context = buildTemplateContext(githubContext, {
      GITHUB_REPOSITORY: 'octo/app',
      GITHUB_REPOSITORY_OWNER: 'octo',
      DEPLOY_ENV: 'prod'
    })
    const out = await render(
      '{{ github.repository }} {{ github.repository_owner }} {{ github.sha | slice: 0, 7 }} {{ github.ref_name }} {{ github.run_attempt }} {{ github.event_name }} {{ env.DEPLOY_ENV }} {{ run_url }} {{ github.event.head_commit.message }}',
      context
    )
    expect(out).toBe(
      'octo/app octo abcdef1 v1.2.3 2 push prod https://github.com/octo/app/actions/runs/99 Fix [\u200Btoall]'
    )
  })

  it('leaves the action inputs, and so the token, out of env', () => {
    const context = buildTemplateContext(githubContext, { INPUT_TOKEN: 'secret', HOME: '/h' })
    expect(context.env).toEqual({ HOME: '/h' })
  })
})

describe('env in templates', () => {
  const context = {
    payload: {},
    eventName: 'push',
    sha: '',
    ref: '',
    workflow: '',
    action: '',
    actor: '',
    job: '',
    runAttempt: 1,
    runNumber: 1,
    runId: 1,
    apiUrl: '',
    serverUrl: '',
    graphqlUrl: '',
    issue: { owner: 'o', repo: 'r', number: 0 },
    repo: { owner: 'o', repo: 'r' }
  }

  it('never holds a masked value, under any name or inside a longer value', () => {
    const env = buildTemplateContext(
      context,
      {
        CHATWORK_API_TOKEN: 'cw-token-123456',
        OTHER: 'cw-token-123456',
        HEADER: 'X-ChatWorkToken: cw-token-123456',
        PROXY: 'http://u:proxy-pass@proxy',
        DEPLOY_KEY: 'deploy-key',
        HOME: '/h'
      },
      ['cw-token-123456', 'proxy-pass']
    ).env
    expect(env).toEqual({ DEPLOY_KEY: 'deploy-key', HOME: '/h' })
  })

  it("leaves out GitHub's and the runner's tokens, by name (any case) and by value", () => {
    const env = buildTemplateContext(
      context,
      {
        GH_TOKEN: 'ghs_aaaaaaaaaaaa',
        github_token: 'ghs_bbbbbbbbbbbb',
        GH_ENTERPRISE_TOKEN: 'ghe_cccccccccc',
        ACTIONS_RUNTIME_TOKEN: 'runtime-dddddddd',
        ACTIONS_STEP_DEBUG: 'true',
        INPUT_TOKEN: 'cw-token',
        COPY: 'Bearer ghs_aaaaaaaaaaaa',
        RUNTIME: 'runtime-dddddddd',
        FLAG: 'true'
      },
      []
    ).env
    expect(env).toEqual({ FLAG: 'true' })
  })
})

describe('what the event lacks, behind the default filter', () => {
  const push = {
    github: { event_name: 'push', event: { head_commit: { message: 'Fix' } } },
    env: {}
  }
  async function warnings(template: string): Promise<{ out: string; warned: string[] }> {
    const warned: string[] = []
    const out = await renderTemplate(template, push, 'message', w => warned.push(w))
    return { out, warned }
  }

  it.each([
    ['{{ github.event.pull_request.title | default: github.event.head_commit.message }}', 'Fix'],
    ['{{ github.event.head_commit.message | default: github.event.pull_request.title }}', 'Fix'],
    ["{{ github.event.pull_request.title | upcase | default: 'none' }}", 'none'],
    ['{% assign t = github.event.pull_request.title | default: "x" %}{{ t }}', 'x'],
    ['{% if true %}{{ env.NOPE | default: "y" }}{% endif %}', 'y']
  ])('%s renders %j without a warning', async (template, expected) => {
    const { out, warned } = await warnings(template)
    expect(out).toBe(expected)
    expect(warned).toEqual([])
  })

  it('still warns for a use of the same value without default', async () => {
    const { warned } = await warnings(
      '{{ github.event.pull_request.title | default: "x" }} {{ github.event.pull_request.title }}'
    )
    expect(warned).toEqual([
      "Input 'message' uses github.event.pull_request, which this event does not have: it renders empty."
    ])
  })

  it('still refuses a misspelled name inside default', async () => {
    await expect(warnings('{{ github.evnt.x | default: "y" }}')).rejects.toThrow(/github\.evnt/)
  })
})
