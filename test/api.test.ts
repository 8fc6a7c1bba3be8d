/**
 * mode: api's guards one by one: the method, the path (also a path that reached the client
 * without them: the transport refuses to send it), the parameters.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ChatworkClient } from '../src/chatwork/client.js'
import { InputError } from '../src/errors.js'
import { parseApiMethod } from '../src/inputs/api.js'
import { parseApiParams } from '../src/inputs/api-params.js'
import { parseApiPath } from '../src/inputs/api-path.js'
import type { EventSource } from '../src/inputs/event-strings.js'
import { ChatworkEmulator, DEFAULT_TOKEN } from '../tools/emulator/index.js'

const event = (payload: object = {}): EventSource => ({
  event: payload,
  event_name: 'issues',
  ref: 'refs/heads/main',
  ref_name: 'main',
  head_ref: '',
  base_ref: ''
})

function refusal(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    return (error as Error).message
  }
  throw new Error('not refused')
}

describe('api-method', () => {
  it('takes the four methods in any case and refuses others', () => {
    expect(parseApiMethod(' delete ')).toBe('DELETE')
    expect(refusal(() => parseApiMethod('HEAD'))).toBe(
      "Input 'api-method' is 'HEAD'; expected one of GET, POST, PUT, DELETE."
    )
  })
})

describe('api-path', () => {
  it('accepts plain paths, with ids, words and harmless escapes', () => {
    for (const path of ['/me', '/rooms/335028121/members', '/rooms/1/tasks/2/status', '/a%41']) {
      expect(parseApiPath(path, event())).toBe(path)
    }
  })

  it.each([
    ['/rooms/..', "'..' segment"],
    ['/./me', "'.' or '..' segment"],
    ['/rooms//me', "'//'"],
    ['/me?x=1', "'?' or '#'"],
    ['/me#x', "'?' or '#'"],
    ['/rooms\\me', 'backslash'],
    ['/rooms/%2E%2e', 'percent-encoded'],
    ['/rooms%2fme', 'percent-encoded'],
    ['/rooms%5Cme', 'percent-encoded'],
    ['/rooms/1\t/me', 'white space or a control character'],
    ['/rooms/1\u0000', 'white space or a control character'],
    ['/rooms/1\u0085', 'white space or a control character'],
    ['http://evil', "does not start with '/'"],
    ['rooms/1', "does not start with '/'"],
    ['//evil.example/x', "'//'"],
    ['/rooms/ルーム', 'characters that a URL path does not take'],
    ['/a%zz', 'characters that a URL path does not take'],
    ['/a"b', 'characters that a URL path does not take']
  ])('refuses %j: %s', (path, why) => {
    const message = refusal(() => parseApiPath(path, event()))
    expect(message).toContain(why)
    expect(message).toContain("Input 'api-path' is ")
    expect(message).toContain('Nothing was sent.')
  })

  it('refuses event text in the path, but not inside one of Chatwork’s words', () => {
    const pasted = event({ issue: { title: '1/members', body: 'tasks', labels: ['me'] } })
    expect(refusal(() => parseApiPath('/rooms/1/members', pasted))).toContain(
      "contains the text of github.event.issue.title ('1/members')"
    )
    expect(parseApiPath('/rooms/2/tasks', pasted)).toBe('/rooms/2/tasks')
    expect(parseApiPath('/me', pasted)).toBe('/me')
    expect(refusal(() => parseApiPath('/rooms/335028121', event({ x: '5028' })))).toContain(
      'github.event.x'
    )
  })
})

describe('api-params', () => {
  it('keeps scalars as written, joins sequences, keeps the order', async () => {
    expect(
      await parseApiParams(
        "id: 1928374655918273645\nok: yes\nzip: 0123\nto_ids: [1, 2]\nnone:\nq: ''"
      )
    ).toEqual([
      ['id', '1928374655918273645'],
      ['ok', 'yes'],
      ['zip', '0123'],
      ['to_ids', '1,2'],
      ['none', ''],
      ['q', '']
    ])
    expect(await parseApiParams('  ')).toEqual([])
  })

  it.each([
    ['a: &x 1\nb: *x', "line 1: an anchor ('&x')"],
    ['a: [*x]', "an alias ('*x')"],
    ['- 1\n- 2', 'is not a mapping'],
    ['a: {b: 1}', "'a' set to a mapping"],
    ['a: [[1]]', "'a' set to a list that holds a list"],
    ['a: 1\na: 2', 'is not valid YAML (line 2)'],
    ['bad name: 1', "the parameter name 'bad name'"]
  ])('refuses %j', async (text, expected) => {
    await expect(parseApiParams(text)).rejects.toThrow(expected)
  })
})

describe('the transport sends the token only below the base URL', () => {
  let emulator: ChatworkEmulator
  beforeEach(async () => {
    emulator = await new ChatworkEmulator().start()
  })
  afterEach(() => emulator.stop())

  it('refuses, before sending, a request whose parsed URL is not the base plus its path', async () => {
    const client = new ChatworkClient({
      baseUrl: emulator.url,
      token: DEFAULT_TOKEN,
      timeoutMs: 5_000,
      log: () => {}
    })
    for (const path of ['/../me', '/./me', '/rooms\\..\\me', '@evil.example/x', '/me?x=1']) {
      await expect(client.call({ method: 'GET', path })).rejects.toThrow(
        /not below 'api-base-url'.*nothing was sent/
      )
    }
    expect(emulator.requests).toHaveLength(0)
    expect((await client.call({ method: 'GET', path: '/me' })).status).toBe(200)
  })
})
