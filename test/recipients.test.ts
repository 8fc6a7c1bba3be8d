/** People in `to` and in the `chatwork_to` filter: account ids, and logins through the map. */
import { describe, expect, it } from 'vitest'
import { InputError } from '../src/errors.js'
import { mentionsFor, resolveRecipients } from '../src/inputs/recipients.js'

const MAP = new Map([
  ['octocat', '2002'],
  ['hubot', '3003'],
  ['dependabot[bot]', '5005']
])

/** A warn function, and what it was told. */
function warnings() {
  const told: string[] = []
  return { told, warn: (message: string) => void told.push(message) }
}

describe('recipients', () => {
  it('resolves to: ids stay, logins map, unknown logins are left out with a warning', () => {
    const warnings: string[] = []
    const map = new Map([['octocat', '2002']])
    expect(
      resolveRecipients(['7', '@octocat', 'ghost', '2002'], map, w => warnings.push(w))
    ).toEqual(['7', '2002'])
    expect(warnings).toEqual(["Input 'to': 'ghost' is not in 'account-map'; left out."])
  })

  it('chatwork_to takes a login, a list, or users; nothing for empty values', () => {
    const map = new Map([
      ['octocat', '2002'],
      ['mona', '4004']
    ])
    const warnings: string[] = []
    const warn = (w: string) => warnings.push(w)
    expect(mentionsFor('@OctoCat', map, warn)).toBe('[To:2002]')
    expect(mentionsFor(['mona', 'octocat', 'mona'], map, warn)).toBe('[To:4004][To:2002]')
    expect(mentionsFor([{ login: 'mona' }, { name: 'x' }, null], map, warn)).toBe('[To:4004]')
    expect(mentionsFor(undefined, map, warn)).toBe('')
    expect(mentionsFor('[toall]', map, warn)).toBe('')
    expect(warnings).toEqual(["chatwork_to: '[toall]' is not in 'account-map'; no mention for it."])
  })
})

describe('to', () => {
  it('keeps account ids as they are, in order, without a map', () => {
    const { told, warn } = warnings()
    expect(resolveRecipients(['7', '2002', '123456789012'], undefined, warn)).toEqual([
      '7',
      '2002',
      '123456789012'
    ])
    expect(resolveRecipients([], undefined, warn)).toEqual([])
    expect(told).toEqual([])
  })

  it('maps logins with or without @, in any case, and bots', () => {
    const { told, warn } = warnings()
    expect(resolveRecipients(['@OctoCat', 'HUBOT', 'dependabot[bot]'], MAP, warn)).toEqual([
      '2002',
      '3003',
      '5005'
    ])
    expect(told).toEqual([])
  })

  it('names everyone a person the map lacks in one warning', () => {
    const { told, warn } = warnings()
    expect(resolveRecipients(['ghost', 'octocat', '@Nobody'], MAP, warn)).toEqual(['2002'])
    expect(told).toEqual(["Input 'to': 'ghost', '@Nobody' are not in 'account-map'; left out."])
  })

  it('sends one mention per account, when an id and a login are the same person', () => {
    const { warn } = warnings()
    expect(resolveRecipients(['2002', '@octocat', '3003', 'OCTOCAT', '3003'], MAP, warn)).toEqual([
      '2002',
      '3003'
    ])
  })

  it('refuses a login without a map, saying that account-map would take it', () => {
    const { warn } = warnings()
    expect(() => resolveRecipients(['2002', 'octocat'], undefined, warn)).toThrow(
      new InputError(
        "Input 'to' has 'octocat'; expected Chatwork account ids (digits only), or GitHub logins when 'account-map' is set, separated by commas or newlines."
      )
    )
  })

  it.each(['octo_cat', '-octocat', '12a!', '@', 'a b'])(
    'refuses %j, which is neither an id nor a login, even with a map',
    item => {
      const { told, warn } = warnings()
      expect(() => resolveRecipients([item], MAP, warn)).toThrow(
        `Input 'to' has '${item}'; expected Chatwork account ids (digits only) or GitHub logins from account-map, separated by commas or newlines.`
      )
      expect(told).toEqual([])
    }
  )
})

describe('chatwork_to', () => {
  it('mentions each account once, in the order given, logins and users mixed', () => {
    const { told, warn } = warnings()
    expect(
      mentionsFor(['hubot', { login: 'OctoCat' }, '@hubot', { login: 'octocat' }], MAP, warn)
    ).toBe('[To:3003][To:2002]')
    expect(told).toEqual([])
  })

  it('warns once per login the map lacks, and mentions the others', () => {
    const { told, warn } = warnings()
    expect(mentionsFor(['ghost', 'octocat', { login: 'stranger' }], MAP, warn)).toBe('[To:2002]')
    expect(told).toEqual([
      "chatwork_to: 'ghost' is not in 'account-map'; no mention for it.",
      "chatwork_to: 'stranger' is not in 'account-map'; no mention for it."
    ])
  })

  it('passes over what is not a login, without a warning', () => {
    const { told, warn } = warnings()
    expect(mentionsFor(['', '  ', 7, { login: 7 }, {}, null, undefined], MAP, warn)).toBe('')
    expect(mentionsFor(null, MAP, warn)).toBe('')
    expect(mentionsFor([], MAP, warn)).toBe('')
    expect(told).toEqual([])
  })
})
