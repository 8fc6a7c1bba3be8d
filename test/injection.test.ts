import { describe, expect, it } from 'vitest'
import { InputError } from '../src/errors.js'
import type { EventSource } from '../src/inputs/event-strings.js'
import { refusePastedPayload } from '../src/message/injection.js'
import { refusePastedPattern } from '../src/inputs/pasted-pattern.js'

function source(event: object, more: Partial<EventSource> = {}): EventSource {
  return {
    event,
    event_name: 'pull_request',
    ref: '',
    ref_name: '',
    head_ref: '',
    base_ref: '',
    ...more
  }
}

const pr = (title: string, body = 'Fixes a bug') =>
  source({ pull_request: { title, body, head: { ref: 'feature' } } })

/** The error refusePastedPayload throws for `message`, or undefined. */
function refusal(message: string, event: EventSource, title?: string): string | undefined {
  const templates = [{ text: message, input: 'message' }]
  if (title !== undefined) templates.push({ text: title, input: 'title' })
  try {
    refusePastedPayload(templates, event)
    return undefined
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    return (error as Error).message
  }
}

describe('templates: a token of the template found inside event text', () => {
  it('refuses a title pasted whole, as before, naming the field and the safe form', () => {
    const error = refusal('New PR: {{ env.DEPLOY_KEY }}', pr('{{ env.DEPLOY_KEY }}'))
    expect(error).toContain("Input 'message' contains the text of github.event.pull_request.title")
    expect(error).toContain('Write {{ github.event.pull_request.title }} instead')
    expect(error).toContain('Nothing was sent.')
  })

  it('refuses a title pasted with toJSON: escaped, inside quotes', () => {
    const title = 'Fix " {{ env.DEPLOY_KEY }}'
    expect(refusal(`New PR: ${JSON.stringify(title)}`, pr(title))).toContain(
      'github.event.pull_request.title'
    )
    // A token that toJSON itself changed (its quotes escaped) is found in the escaped form.
    const quoted = '{{ env.DEPLOY_KEY | append: "!" }}'
    expect(refusal(`New PR: ${JSON.stringify(quoted)}`, pr(quoted))).toContain(
      'github.event.pull_request.title'
    )
  })

  it('refuses part of a field: a commit subject of head_commit.message', () => {
    const event = source(
      { head_commit: { message: 'Fix {{ env.DEPLOY_KEY }}\n\nLong description' } },
      { event_name: 'push' }
    )
    expect(refusal('Pushed: Fix {{ env.DEPLOY_KEY }}', event)).toContain(
      'github.event.head_commit.message'
    )
  })

  it("refuses Chatwork's localized tags too (one table of tags, src/chatwork/tags.ts)", () => {
    const title = '[返信 aid=1001 to=335028121-1]'
    expect(refusal(`New PR: ${title}`, pr(title))).toContain('github.event.pull_request.title')
    const quote = '[Quote aid=1 time=2]'
    expect(refusal(`New PR: ${quote}`, pr(quote))).toContain('github.event.pull_request.title')
  })

  it('compares tokens without white space and case', () => {
    expect(refusal('x {{env.DEPLOY_KEY}}', pr('{{ env.DEPLOY_KEY  }}'))).toBeDefined()
    expect(refusal('x {%- for k in env -%}', pr('{%for k in env%}'))).toBeDefined()
  })

  it('refuses branch names the runner puts in GITHUB_REF_NAME and GITHUB_HEAD_REF', () => {
    const branch = source({ ref: 'refs/heads/x' }, { ref_name: '{{env.DEPLOY_KEY}}' })
    expect(refusal('Branch {{env.DEPLOY_KEY}}', branch)).toContain(
      'contains the text of github.ref_name'
    )
    expect(refusal('Branch {{env.DEPLOY_KEY}}', branch)).toContain('Write {{ github.ref_name }}')
    const head = source({}, { head_ref: 'a[toall]' })
    expect(refusal('From a[toall]', head)).toContain('github.head_ref')
  })

  it('refuses a Chatwork tag made of a whole field: [${{ github.head_ref }}]', () => {
    const error = refusal('Branch [toall] is ready', source({}, { head_ref: 'toall' }))
    expect(error).toContain("whose tag '[toall]' is made of github.head_ref")
  })

  it('refuses a token a field opens and the template closes', () => {
    const title = 'Fix {{ env.DEPLOY_KEY | append: "'
    const error = refusal(`PR: ${title} (see {{ github.sha }})`, pr(title))
    expect(error).toContain('leaves open')
    expect(error).toContain('github.event.pull_request.title')
    // Also when the field's token is its whole text.
    expect(refusal('{{ env.DEPLOY_KEY | append: " }}', pr('{{ env.DEPLOY_KEY |'))).toContain(
      'leaves open'
    )
    // A text that ends in a bare `{{` opens no token yet.
    expect(refusal('{% if github.sha %}ok{% endif %}', pr('ends in {{'))).toBeUndefined()
  })

  it.each([
    '[toall] urgent',
    '[To:2002] hi',
    '[INFO]boxed[/info]',
    '[rp aid=1 to=2-3] reply',
    '[qtmeta aid=1 time=2]',
    '[piconname:1]',
    '[deleted]'
  ])('refuses the Chatwork tag of %j', title => {
    expect(refusal(`New PR: ${title}`, pr(title))).toContain('github.event.pull_request.title')
  })

  it('lets through a pull request body that quotes the safe form the team uses', () => {
    const body =
      'The notification says {{ github.event.pull_request.title }} and {{github.sha | slice: 0, 7}}'
    const event = pr('Fix', body)
    expect(
      refusal('PR {{ github.event.pull_request.title }} {{ github.sha | slice: 0, 7 }}', event)
    ).toBeUndefined()
    expect(
      refusal(
        'PR {{ github.event.pull_request["title"] | upcase }}',
        pr('x', '{{ github.event.pull_request["title"] | upcase }}')
      )
    ).toBeUndefined()
  })

  it.each([
    '{{ github.event.pull_request.body | raw }}',
    '{{ github.event.pull_request.user.login | chatwork_to }}',
    '{{ github.sha | append: env.DEPLOY_KEY }}',
    '{{ github.sha | default: env.DEPLOY_KEY }}',
    '{{ github[env.DEPLOY_KEY] }}',
    '{{ env.DEPLOY_KEY }}'
  ])('is no safe form: %j', token => {
    expect(refusal(`x ${token}`, pr('x', `quoted ${token}`))).toContain(
      'github.event.pull_request.body'
    )
  })

  it('checks every template given (title too), and names array paths', () => {
    const event = source({ commits: [{ message: 'ok' }, { message: 'x {{ env.K }}' }] })
    expect(refusal('Build', event, 'x {{ env.K }}')).toContain(
      "Input 'title' contains the text of github.event.commits[1].message"
    )
  })

  it('searches keys of the payload too, naming the object', () => {
    const event = source({ pull_request: { labels: { 'x {{ env.K }}': true } } })
    expect(refusal('x {{ env.K }}', event)).toContain(
      "contains the text of github.event.pull_request.labels: it has a template token or Chatwork tag whose text '{{ env.K }}'"
    )
  })

  it('exempts workflow_dispatch inputs, not the rest of that event', () => {
    const event = source(
      { inputs: { note: '[info]Release[/info]' }, sender: { login: '[toall]' } },
      { event_name: 'workflow_dispatch' }
    )
    expect(refusal('Deploy: [info]Release[/info]', event)).toBeUndefined()
    expect(refusal('By [toall]', event)).toContain('github.event.sender.login')
  })

  it('lets plain text and the team’s own tokens through when the event does not hold them', () => {
    expect(
      refusal('[info][title]Build[/title]{{ env.BUILD }}[/info]', pr('Fix [bug]'))
    ).toBeUndefined()
  })

  it('searches a large payload in linear time', () => {
    const commits = Array.from({ length: 2_000 }, (_, i) => ({
      message: `Commit ${i} {{ github.sha }} [x] ${'word '.repeat(40)}{{`
    }))
    const event = source({ commits, body: `${'{{ a '.repeat(13_000)}` }, { event_name: 'push' })
    const template = Array.from(
      { length: 50 },
      (_, i) => `{% if env.V${i} %}[info]x[/info]{% endif %}`
    ).join('')
    const started = performance.now()
    expect(refusal(template, event)).toBeUndefined()
    expect(performance.now() - started).toBeLessThan(2_000)
  })
})

/** The error refusePastedPattern throws, or undefined. */
function patternRefusal(pattern: string, event: EventSource): string | undefined {
  try {
    refusePastedPattern('match', pattern, event)
    return undefined
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    return (error as Error).message
  }
}

describe('patterns: event text with regular-expression syntax pasted in', () => {
  const branch = (head_ref: string) =>
    source({ pull_request: { head: { ref: head_ref } } }, { head_ref })

  it('refuses ^/deploy x|$ for a branch x|, and shows the quoted form', () => {
    const error = patternRefusal('^/deploy x|$', branch('x|'))
    expect(error).toContain(
      "Input 'match' contains the text of github.event.pull_request.head.ref ('x|')"
    )
    expect(error).toContain('which has regular-expression syntax (|)')
    expect(error).toContain(
      'write \\Q${{ github.event.pull_request.head.ref }}\\E (here: \\Qx|\\E)'
    )
  })

  it('lets the quoted form through, and refuses a value that leaves it with \\E', () => {
    expect(patternRefusal('^/deploy \\Qx|\\E$', branch('x|'))).toBeUndefined()
    expect(patternRefusal('^/deploy \\Qa.b(c)', branch('a.b(c)'))).toBeUndefined()
    const error = patternRefusal('^/deploy \\Qx\\E|\\E$', branch('x\\E|'))
    expect(error).toContain('contains \\E, so it cannot be quoted')
  })

  it('refuses a line of a commit message, and text without syntax is no paste', () => {
    const event = source(
      { head_commit: { message: 'Deploy (.*)\n\nbody' } },
      { event_name: 'push' }
    )
    expect(patternRefusal('^Deploy (.*)$', event)).toContain("as part of it: 'Deploy (.*)'")
    expect(patternRefusal('^/deploy feature$', branch('feature'))).toBeUndefined()
    expect(patternRefusal('^(lgtm|approve)$', source({ body: '| a | b |\n|\n' }))).toBeUndefined()
  })

  it('exempts workflow_dispatch inputs', () => {
    const event = source({ inputs: { env: 'prod|staging' } }, { event_name: 'workflow_dispatch' })
    expect(patternRefusal('^/deploy (prod|staging)$', event)).toBeUndefined()
    expect(patternRefusal('^/deploy prod|staging$', event)).toBeUndefined()
  })
})
