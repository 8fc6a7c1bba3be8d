/** People in `to` and in the `chatwork_to` filter: account ids, and logins through the map. */
import { describe, expect, it } from 'vitest'
import { mentionsFor, resolveRecipients } from '../src/inputs/recipients.js'

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
