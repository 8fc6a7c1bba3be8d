/** The `account-map` input: a YAML mapping from GitHub login to Chatwork account id. */
import { describe, expect, it } from 'vitest'
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
