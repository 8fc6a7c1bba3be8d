import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DEFAULTS, getSettings } from '../src/inputs/read.js'
import { groupDigits, quote } from '../src/format.js'
import { InputError } from '../src/errors.js'
import { readActionYaml } from '../tools/run-action.js'
import { setInputs } from './support/inputs.js'

const valid = { token: 'abc123', 'room-id': '335028121', message: 'hello' }

async function settingsError(inputs: Record<string, string>): Promise<InputError> {
  setInputs(inputs)
  try {
    await getSettings()
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    return error as InputError
  }
  throw new Error('expected getSettings() to throw')
}

/** What the runner commands wrote (::add-mask::, ::warning::), kept out of the test log. */
let stdout = ''
beforeEach(() => {
  stdout = ''
  vi.spyOn(process.stdout, 'write').mockImplementation(chunk => {
    stdout += String(chunk)
    return true
  })
})
afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllEnvs()
})

describe('getSettings', () => {
  it('reads valid inputs with the action.yml defaults, and only the fields of the mode', async () => {
    setInputs(valid)
    expect(await getSettings()).toEqual({
      mode: 'send',
      token: 'abc123',
      apiBaseUrl: 'https://api.chatwork.com/v2',
      timeoutMs: 30_000,
      retries: 5,
      failOnError: true,
      dryRun: false,
      proxy: undefined,
      roomIds: ['335028121'],
      template: { text: 'hello', input: 'message' },
      title: undefined,
      to: [],
      toAll: false,
      file: undefined,
      selfUnread: false,
      replyTo: undefined,
      accountMap: undefined,
      language: 'en',
      status: undefined
    })
    setInputs({ ...valid, mode: 'fetch', message: '' })
    expect(await getSettings()).toEqual({
      mode: 'fetch',
      token: 'abc123',
      apiBaseUrl: 'https://api.chatwork.com/v2',
      timeoutMs: 30_000,
      retries: 5,
      failOnError: true,
      dryRun: false,
      proxy: undefined,
      roomId: '335028121',
      unreadOnly: false,
      count: 100,
      gate: {
        match: undefined,
        rejectMatch: undefined,
        fromAccountIds: [],
        fromRoles: [],
        afterMessageId: '',
        repliesTo: '',
        minApprovals: 1,
        waitMs: 0,
        pollMs: 10_000,
        failOnNoMatch: false,
        initiators: [],
        failOnReject: true
      }
    })
  })

  it('keeps the code defaults equal to the action.yml defaults', async () => {
    const action = await readActionYaml()
    for (const [name, value] of Object.entries(DEFAULTS)) {
      expect(action.inputs[name]?.default, name).toBe(value)
    }
  })

  it('treats an empty optional input as its default', async () => {
    setInputs({ ...valid, mode: '', 'fail-on-error': '' })
    expect(await getSettings()).toMatchObject({ mode: 'send', failOnError: true })
    setInputs({ ...valid, limit: '', mode: 'fetch' })
    expect(await getSettings()).toMatchObject({ count: 100, mode: 'fetch' })
  })

  it('strips a trailing slash from the base URL and accepts loopback http', async () => {
    setInputs({ ...valid, 'api-base-url': 'http://127.0.0.1:8080/v2/' })
    expect((await getSettings()).apiBaseUrl).toBe('http://127.0.0.1:8080/v2')
    setInputs({ ...valid, 'api-base-url': 'http://[::1]:8080/v2' })
    expect((await getSettings()).apiBaseUrl).toBe('http://[::1]:8080/v2')
    setInputs({ ...valid, 'api-base-url': 'http://localhost/v2' })
    expect((await getSettings()).apiBaseUrl).toBe('http://localhost/v2')
  })

  it('accepts booleans in any case and fetch without a message', async () => {
    setInputs({ ...valid, message: '', mode: 'FETCH', 'unread-only': 'True', limit: ' 7 ' })
    expect(await getSettings()).toMatchObject({ mode: 'fetch', unreadOnly: true, count: 7 })
  })

  it('reads several rooms for send, and mentions, without duplicates', async () => {
    setInputs({ ...valid, 'room-id': '1, 2\n\n3,1', to: '10\n20, 10' })
    expect(await getSettings()).toMatchObject({ roomIds: ['1', '2', '3'], to: ['10', '20'] })
  })

  it("warns that 'room-id' does not apply to mode 'api', which names its room in api-path", async () => {
    setInputs({ ...valid, message: '', mode: 'api', 'api-method': 'GET', 'api-path': '/me' })
    expect(await getSettings()).toMatchObject({ mode: 'api', path: '/me' })
    expect(stdout).toContain(
      "::warning::Input 'room-id' does not apply to mode 'api' and is ignored."
    )
  })

  it('reads message-id for delete, and warns about inputs a mode does not read, without checking them', async () => {
    setInputs({ ...valid, mode: 'delete', 'message-id': ' 1928374655918273645 ', title: 'x' })
    expect(await getSettings()).toMatchObject({ mode: 'delete', messageId: '1928374655918273645' })
    setInputs({ ...valid, 'message-id': 'not digits', match: '(', limit: 'lots' })
    expect(await getSettings()).toMatchObject({ mode: 'send' })
    const log = stdout
    expect(log).toContain(
      "::warning::Inputs 'message', 'title' do not apply to mode 'delete' and are ignored."
    )
    expect(log).toContain(
      "::warning::Inputs 'message-id', 'limit', 'match' do not apply to mode 'send' and are ignored."
    )
  })

  it('masks the token as soon as it is read', async () => {
    setInputs(valid)
    await getSettings()
    expect(stdout).toContain('::add-mask::abc123')
  })
})

describe('refusing bad inputs', () => {
  it.each([
    [
      { 'room-id': 'abc' },
      "Input 'room-id' is 'abc'; expected the room's numeric id (digits only)."
    ],
    [{ 'room-id': '-5' }, "Input 'room-id' is '-5'"],
    [{ 'room-id': '12 34' }, "Input 'room-id' is '12 34'"],
    [{ 'room-id': '1,x' }, "Input 'room-id' has 'x'"],
    [{ to: '1;2' }, "Input 'to' has '1;2'"],
    [{ 'dry-run': 'y' }, "Input 'dry-run' is 'y'; expected 'true' or 'false'."],
    [{ 'to-all': 'x' }, "Input 'to-all' is 'x'"],
    [
      { 'room-id': 'https://www.chatwork.com/#!rid335028121' },
      "use the digits after '#!rid', i.e. '335028121'"
    ],
    [
      { mode: 'post' },
      "Input 'mode' is 'post'; expected one of: send, fetch, update, delete, task, task-done, api, ask."
    ],
    [{ mode: 'fetch', limit: '0' }, "Input 'limit' is '0'; expected a whole number from 1 to 100."],
    [
      { mode: 'fetch', limit: '101' },
      "Input 'limit' is '101'; expected a whole number from 1 to 100."
    ],
    [{ mode: 'fetch', limit: '2.5' }, "Input 'limit' is '2.5'"],
    [{ mode: 'fetch', limit: 'ten' }, "Input 'limit' is 'ten'"],
    [
      { mode: 'fetch', 'unread-only': 'yes' },
      "Input 'unread-only' is 'yes'; expected 'true' or 'false'."
    ],
    [{ 'self-unread': '1' }, "Input 'self-unread' is '1'; expected 'true' or 'false'."],
    [{ 'fail-on-error': 'no' }, "Input 'fail-on-error' is 'no'; expected 'true' or 'false'."],
    [
      { 'timeout-seconds': '0' },
      "Input 'timeout-seconds' is '0'; expected a whole number from 1 to 600."
    ],
    [{ retries: '-1' }, "Input 'retries' is '-1'; expected a whole number from 0 to 20."],
    [{ 'api-base-url': 'not a url' }, "Input 'api-base-url' is 'not a url'; expected a URL"],
    [
      { 'api-base-url': 'http://api.chatwork.com/v2' },
      "Input 'api-base-url' is 'http://api.chatwork.com/v2'; expected an https:// URL"
    ],
    [{ 'api-base-url': 'ftp://127.0.0.1/v2' }, "Input 'api-base-url' is 'ftp://127.0.0.1/v2'"],
    [{ 'api-base-url': 'https://api.chatwork.com/v2?x=1' }, 'without query'],
    [
      { message: '', mode: 'update', 'message-id': '1' },
      "Input 'message' (or 'message-file') is required for mode 'update'."
    ],
    [
      { message: '  \n ', mode: 'task', to: '1' },
      "Input 'message' (or 'message-file') is required for mode 'task'."
    ],
    [{ language: 'fr' }, "Input 'language' is 'fr'; expected 'en' or 'ja'"],
    [
      { status: 'skipped' },
      "Input 'status' is 'skipped'; expected one of success, failure, cancelled"
    ],
    [{ token: '' }, "Input 'token' is required"]
  ])('refuses %o', async (bad, expected) => {
    expect((await settingsError({ ...valid, ...bad })).message).toContain(expected)
  })

  it('refuses a required room id that is missing', async () => {
    expect((await settingsError({ ...valid, 'room-id': '' })).message).toContain(
      "Input 'room-id' is required"
    )
  })

  it('refuses a token with a line break without showing it', async () => {
    const message = (await settingsError({ ...valid, token: 'secret-part1\nsecret-part2' })).message
    expect(message).toContain("Input 'token' contains spaces, line breaks or non-ASCII")
    expect(message).not.toContain('secret-part')
  })
})

describe('quote', () => {
  it('shows invisible characters and shortens long values', async () => {
    expect(quote('a\tb\n')).toBe("'a\\tb\\n'")
    expect(quote('say "hi"')).toBe(`'say "hi"'`)
    expect(quote('x'.repeat(200))).toBe(`'${'x'.repeat(77)}...'`)
  })
})

describe('groupDigits', () => {
  it('groups the whole part of a number by thousands, as English writes it', () => {
    expect([0, 999, 1000, 65_535, 1_000_000, 1_048_576, -1234, 1234.5678].map(groupDigits)).toEqual(
      ['0', '999', '1,000', '65,535', '1,000,000', '1,048,576', '-1,234', '1,234.5678']
    )
  })
})
