/** The matrix itself: every value of every factor is run, or excluded with a reason. */
import { describe, expect, it } from 'vitest'
import { FACTORS, PROFILE_VALUES } from '../../tools/emulator/index.js'
import { EXERCISES, NOT_EXERCISED, allCases, profileCases } from './matrix.js'

describe('the profile matrix', () => {
  it('runs each non-default value once, or says why not', () => {
    const names = allCases().map(c => c.name)
    expect(names[0]).toBe('defaults')
    for (const factor of FACTORS) {
      for (const value of PROFILE_VALUES[factor].slice(1)) {
        const key = `${factor}=${value}`
        if (key in NOT_EXERCISED) continue
        expect(names, key).toContain(key)
        const exercised = Object.values(EXERCISES).some(list =>
          (list as readonly string[]).includes(factor)
        )
        expect(exercised, `${factor} is exercised by a suite`).toBe(true)
      }
    }
  })

  it('takes one profile from CHATWORK_EMULATOR_PROFILE, and refuses an unknown one', () => {
    expect(profileCases('deleted=marker')).toEqual([
      { name: 'deleted=marker', profile: { deleted: 'marker' } }
    ])
    expect(() => profileCases('deleted=maybe')).toThrow(/deleted.*expected one of 404, marker/)
  })
})
