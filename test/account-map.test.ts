/** The `account-map` input: a YAML mapping from GitHub login to Chatwork account id. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { InputError } from '../src/errors.js'
import { parseAccountMap } from '../src/inputs/account-map.js'

describe('account map', () => {
  it('maps logins without case; numeric logins and quoted ids are fine', async () => {
    const map = await parseAccountMap('OctoCat: 2002\n"1234": \'3003\'\n# a comment\nhubot: 4004\n')
    expect(map && Object.fromEntries(map)).toEqual({
      octocat: '2002',
      '1234': '3003',
      hubot: '4004'
    })
    expect(await parseAccountMap('  ')).toBeUndefined()
    expect(await parseAccountMap('{octocat: 1, mona: 2}')).toEqual(
      new Map([
        ['octocat', '1'],
        ['mona', '2']
      ])
    )
  })

  it('names the wrong line', async () => {
    await expect(parseAccountMap('a: 1\nb: 2\nc: 0x10\n')).rejects.toThrow(
      "Input 'account-map', line 3: the account id of 'c' is '\"0x10\"'"
    )
    await expect(parseAccountMap('a: 1\n-bad-: 2\n')).rejects.toThrow(
      "Input 'account-map', line 2: '-bad-' is not a GitHub login"
    )
  })

  it('refuses YAML anchors and aliases, naming the line, and nesting past a flat mapping', async () => {
    await expect(parseAccountMap('octocat: 1\nmona: &id 2\nhubot: *id\n')).rejects.toThrow(
      "Input 'account-map', line 2: an anchor ('&id') is not accepted"
    )
    await expect(parseAccountMap('octocat: 1\nhubot: *id\n')).rejects.toThrow(
      "Input 'account-map', line 2: an alias ('*id') is not accepted"
    )
    await expect(parseAccountMap('a: [[[[[1]]]]]\n')).rejects.toThrow(
      "Input 'account-map' is not valid YAML (line 1): nesting exceeded maxDepth"
    )
  })
})

describe('account map: logins', () => {
  it.each([
    ['a', 'a'],
    ['Mona-Lisa', 'mona-lisa'],
    ['x'.repeat(39), 'x'.repeat(39)],
    ['dependabot[bot]', 'dependabot[bot]'],
    ['1234', '1234']
  ])('takes %j as the login %j', async (login, key) => {
    expect(await parseAccountMap(`${login}: 2002`)).toEqual(new Map([[key, '2002']]))
  })

  it.each([
    '-octocat',
    'octocat-',
    'octo--cat',
    'octo_cat',
    'octo.cat',
    'x'.repeat(40),
    'bot[bot]x'
  ])('refuses %j, naming the line', async login => {
    await expect(parseAccountMap(`octocat: 2002\n${login}: 3003\n`)).rejects.toThrow(
      `Input 'account-map', line 2: '${login}' is not a GitHub login (letters, digits and single hyphens, at most 39 characters).`
    )
  })

  it.each([
    [
      'octocat: 2002\nhubot: 3003\nOctoCat: 4004\n',
      "line 3: 'OctoCat' is already mapped on line 1 (logins are compared without case)."
    ],
    ['# team\n\nMONA: 2002\nmona: 2002\n', "line 4: 'mona' is already mapped on line 3"],
    ['{hubot: 1, HuBot: 2}', "line 1: 'HuBot' is already mapped on line 1"]
  ])('refuses a login mapped twice, whatever its case: %j', async (text, message) => {
    await expect(parseAccountMap(text)).rejects.toThrow(`Input 'account-map', ${message}`)
  })

  it('every refusal is an InputError: the step fails with its text alone', async () => {
    await expect(parseAccountMap('octo_cat: 1')).rejects.toBeInstanceOf(InputError)
    await expect(parseAccountMap('- a')).rejects.toBeInstanceOf(InputError)
    await expect(parseAccountMap('a: [')).rejects.toBeInstanceOf(InputError)
  })
})

describe('account map: account ids', () => {
  it.each([
    ['2002', '2002'],
    ["'2002'", '2002'],
    ['" 2002 "', '2002'],
    ['9'.repeat(16), '9'.repeat(16)]
  ])('takes %s as %j', async (written, id) => {
    expect(await parseAccountMap(`octocat: ${written}`)).toEqual(new Map([['octocat', id]]))
  })

  it.each([
    ['0', '"0"'],
    ['007', '"007"'],
    ['-5', '"-5"'],
    ['1.5', '"1.5"'],
    ['1e3', '"1e3"'],
    ['0x10', '"0x10"'],
    ['abc', '"abc"'],
    ['"2002a"', '"2002a"'],
    ['1'.repeat(17), `"${'1'.repeat(17)}"`],
    ['[2002]', '["2002"]'],
    ['{id: 2002}', '{"id":"2002"}']
  ])('refuses %s, showing what was written, on its line', async (written, shown) => {
    await expect(parseAccountMap(`hubot: 3003\noctocat: ${written}\n`)).rejects.toThrow(
      `Input 'account-map', line 2: the account id of 'octocat' is '${shown}'; expected a Chatwork account id (digits only).`
    )
  })

  it('refuses a login without an id', async () => {
    await expect(parseAccountMap('octocat:\nhubot: 3003\n')).rejects.toThrow(
      "Input 'account-map', line 1: the account id of 'octocat' is"
    )
  })
})

describe('account map: the YAML', () => {
  it.each([
    ['a quoted key', '"mona": 1\n\'hubot\': abc\n', "line 2: the account id of 'hubot'"],
    [
      'a key after comments',
      '# who is who\n\n# reviewers\nmona: x\n',
      "line 4: the account id of 'mona'"
    ],
    ['a flow mapping', '{octocat: 1,\n mona: x}', "line 2: the account id of 'mona'"]
  ])('names the line in %s', async (_, text, message) => {
    await expect(parseAccountMap(text)).rejects.toThrow(`Input 'account-map', ${message}`)
  })

  it.each([
    ['a list', '- octocat\n- hubot\n'],
    ['a word', 'octocat'],
    ['an empty mapping', '{}'],
    ['only comments', '# nobody yet\n']
  ])('refuses %s: not a mapping, with an example', async (_, text) => {
    await expect(parseAccountMap(text)).rejects.toThrow(
      "Input 'account-map' is not a mapping from GitHub login to Chatwork account id; e.g.\n  octocat: 1234567\n  hubot: '7654321'"
    )
  })

  it('refuses YAML that does not parse, with its line and the expected shape', async () => {
    await expect(parseAccountMap('octocat: 2002\n  hubot: 3003: 4\n')).rejects.toThrow(
      /^Input 'account-map' is not valid YAML \(line 2\): .+\. Expected one 'login: account id' per line, e\.g\./
    )
  })
})

describe('account map: @path', () => {
  let workspace: string
  beforeEach(() => {
    workspace = mkdtempSync(path.join(tmpdir(), 'account-map-'))
    vi.stubEnv('GITHUB_WORKSPACE', workspace)
    vi.stubEnv('RUNNER_TEMP', '')
    mkdirSync(path.join(workspace, '.github'))
  })
  afterEach(() => {
    vi.unstubAllEnvs()
    rmSync(workspace, { recursive: true, force: true })
  })
  const write = (name: string, text: string) => writeFileSync(path.join(workspace, name), text)

  it('reads the map from a file of the workspace', async () => {
    write('.github/chatwork.yml', 'octocat: 2002\nHubot: "3003"\n')
    expect(await parseAccountMap('@.github/chatwork.yml')).toEqual(
      new Map([
        ['octocat', '2002'],
        ['hubot', '3003']
      ])
    )
    expect(await parseAccountMap('  @ .github/chatwork.yml \n')).toEqual(
      new Map([
        ['octocat', '2002'],
        ['hubot', '3003']
      ])
    )
  })

  it("names the file and the input in the file's errors", async () => {
    write('.github/chatwork.yml', 'octocat: 2002\nhubot: abc\n')
    await expect(parseAccountMap('@.github/chatwork.yml')).rejects.toThrow(
      "The account map '.github/chatwork.yml' (input 'account-map'), line 2: the account id of 'hubot' is '\"abc\"'"
    )
    write('list.yml', '- octocat\n')
    await expect(parseAccountMap('@list.yml')).rejects.toThrow(
      "The account map 'list.yml' (input 'account-map') is not a mapping from GitHub login"
    )
  })

  it('refuses a file that is missing, outside the job, or over 64 kB', async () => {
    await expect(parseAccountMap('@missing.yml')).rejects.toThrow(
      "Input 'account-map' is 'missing.yml': no such file"
    )
    await expect(parseAccountMap('@../../etc/passwd')).rejects.toThrow("outside the job's files")
    write('big.yml', `octocat: 2002\n${'#'.repeat(64 * 1024)}\n`)
    await expect(parseAccountMap('@big.yml')).rejects.toThrow(
      'an account map may have at most 64 kB (65536 bytes)'
    )
  })

  it('reads a map as text when it only contains an @ later on', async () => {
    await expect(parseAccountMap('octocat: "@2002"')).rejects.toThrow(
      "Input 'account-map', line 1: the account id of 'octocat' is '\"@2002\"'"
    )
  })
})
