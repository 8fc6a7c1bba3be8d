/**
 * The profiles the exactly-once, gate and fetch suites run under: the defaults, each factor's
 * other values one at a time, and the task factors that interact, together. With
 * CHATWORK_EMULATOR_PROFILE set (`factor=value,…`, as `npm run emulator` reads it), only that
 * profile runs.
 */
import { expect } from 'vitest'
import {
  FACTORS,
  PROFILE_VALUES,
  parseProfile,
  type Factor,
  type Profile
} from '../../tools/emulator/index.js'

interface Case {
  /** `factor=value,…`, or `defaults`. */
  name: string
  profile: Partial<Profile>
}

/** Values no suite here can exercise, and why: the matrix must account for every value. */
export const NOT_EXERCISED: Readonly<Record<string, string>> = {}

/** Task factors that act on the same look-up: their values are also run together. */
const COMBINED: Partial<Profile>[] = [
  { taskNotices: 'per-assignee', taskDate: 'end-of-day' },
  { taskNotices: 'unreadable', taskDate: 'end-of-day', freePlan: 'limited' }
]

function nameOf(profile: Partial<Profile>): string {
  const parts = Object.entries(profile).map(([f, v]) => `${f}=${v}`)
  return parts.length === 0 ? 'defaults' : parts.join(',')
}

export function allCases(): Case[] {
  const single = FACTORS.flatMap(factor =>
    PROFILE_VALUES[factor]
      .slice(1)
      .filter(value => !(`${factor}=${value}` in NOT_EXERCISED))
      .map(value => ({ [factor]: value }) as Partial<Profile>)
  )
  return [{}, ...single, ...COMBINED].map(profile => ({ name: nameOf(profile), profile }))
}

export function profileCases(env = process.env.CHATWORK_EMULATOR_PROFILE): Case[] {
  if (env === undefined || env.trim() === '') return allCases()
  const profile = parseProfile(env)
  return [{ name: nameOf(profile), profile }]
}

/**
 * The cases a suite that exercises only `factors` runs under: the defaults and those that set
 * one of them (with CHATWORK_EMULATOR_PROFILE, that profile whatever it sets).
 */
export function casesFor(
  factors: readonly Factor[],
  env = process.env.CHATWORK_EMULATOR_PROFILE
): Case[] {
  const cases = profileCases(env)
  if (env !== undefined && env.trim() !== '') return cases
  return cases.filter(c => {
    const set = Object.keys(c.profile)
    return set.length === 0 || set.some(f => (factors as readonly string[]).includes(f))
  })
}

/** Accumulates what the emulator served across one profile's tests (reset() clears it). */
export class ServedTally {
  private readonly counts = new Map<string, number>()

  add(served: Map<string, number>): void {
    for (const [key, n] of served) this.counts.set(key, (this.counts.get(key) ?? 0) + n)
  }

  /** Every chosen value among `factors` was served: the suite really ran that behaviour. */
  expectServed(profile: Partial<Profile>, factors: readonly Factor[]): void {
    const chosen = Object.entries(profile).filter(([f]) => factors.includes(f as Factor))
    for (const [factor, value] of chosen) {
      expect(
        this.counts.get(`${factor}=${value}`) ?? 0,
        `${factor}=${value} served`
      ).toBeGreaterThan(0)
    }
    // Nothing of another value: the emulator played the profile asked for.
    for (const key of this.counts.keys()) {
      const [factor = '', value] = key.split('=')
      const wanted =
        (profile as Record<string, string>)[factor] ?? PROFILE_VALUES[factor as Factor][0]
      expect(value, key).toBe(wanted)
    }
  }
}

/** The factors each suite exercises; together they must cover every factor in use. */
export const EXERCISES = {
  exactlyOnce: [
    'taskNotices',
    'taskDate',
    'deleted',
    'localizedTags',
    'force',
    'bodyLimit',
    'freePlan',
    'rateLimitHeaders',
    'messageIds',
    'alreadyDone',
    'timeWithoutLimit'
  ],
  reading: ['freePlan', 'messageIds', 'force'],
  ask: ['messageIds', 'freePlan', 'force']
} as const satisfies Record<string, readonly Factor[]>
