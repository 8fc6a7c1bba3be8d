/**
 * Profiles: where Chatwork's documentation leaves a behaviour open, the emulator offers each
 * plausible answer as a value of one factor, today's behaviour first (the default). A test or
 * a matrix picks values with `new ChatworkEmulator({ profile: { deleted: 'marker' } })` or
 * `CHATWORK_EMULATOR_PROFILE='deleted=marker,force=keeps-cursor'` for `npm run emulator`, and
 * reads `served` to prove its value was really exercised.
 */

/** Each factor's values; the first is the default. */
export const PROFILE_VALUES = {
  /** One notice per task request, one per assignee, or one the action cannot read. */
  taskNotices: ['per-request', 'per-assignee', 'unreadable'],
  /** A `date` task's `limit` kept as sent, or moved to 23:59:59 of that day in Tokyo. */
  taskDate: ['as-sent', 'end-of-day'],
  /** A deleted message is gone (404), or stays with the body `[deleted]`. */
  deleted: ['404', 'marker'],
  /** `[返信 …]`, `[Reply …]`, `[引用 …]`, `[Quote …]` stored as typed, or as `[rp …]`/`[qt …]`. */
  localizedTags: ['as-typed', 'canonical'],
  /** `force=1` moves the `force=0` cursor past what it returned, or leaves it. */
  force: ['moves-cursor', 'keeps-cursor'],
  /** A body's 65,535 counted in characters (UTF-16 code units) or in UTF-8 bytes. */
  bodyLimit: ['characters', 'bytes'],
  /** A paid plan, or the Free plan: limitation headers, messages older than 40 days hidden. */
  freePlan: ['off', 'limited'],
  /** `x-ratelimit-*` on every answer, or on successes (and the token's own 429) only. */
  rateLimitHeaders: ['all-answers', 'success-only'],
  /** Message ids grow with each post, or every second post gets a smaller id than the one before. */
  messageIds: ['ascending', 'unordered'],
  /** Marking a done task done again: 200, or 400. */
  alreadyDone: ['200', '400'],
  /** `limit_type=time` without `limit`: refused (400), or accepted as a task without deadline. */
  timeWithoutLimit: ['refused', 'accepted']
} as const

export type Factor = keyof typeof PROFILE_VALUES
export type Profile = { -readonly [F in Factor]: (typeof PROFILE_VALUES)[F][number] }

export const FACTORS = Object.keys(PROFILE_VALUES) as Factor[]

export const DEFAULT_PROFILE: Readonly<Profile> = Object.freeze(
  Object.fromEntries(FACTORS.map(f => [f, PROFILE_VALUES[f][0]])) as Profile
)

function isFactor(name: string): name is Factor {
  return Object.hasOwn(PROFILE_VALUES, name)
}

/**
 * `factor=value,factor=value` (the environment variable's form) as a partial profile; an
 * unknown factor or value throws, naming `source` and listing what is accepted.
 */
export function parseProfile(text: string, source = 'CHATWORK_EMULATOR_PROFILE'): Partial<Profile> {
  const profile: Partial<Record<Factor, string>> = {}
  for (const item of text
    .split(',')
    .map(s => s.trim())
    .filter(s => s !== '')) {
    const [name = '', value = '', ...extra] = item.split('=').map(s => s.trim())
    if (!isFactor(name)) {
      throw new Error(
        `${source} names the factor ${JSON.stringify(name)}; expected one of ${FACTORS.join(', ')}, as factor=value separated by commas.`
      )
    }
    const values: readonly string[] = PROFILE_VALUES[name]
    if (extra.length > 0 || !values.includes(value)) {
      throw new Error(
        `${source} gives ${name} the value ${JSON.stringify(item.slice(name.length + 1))}; expected one of ${values.join(', ')}.`
      )
    }
    profile[name] = value
  }
  return profile as Partial<Profile>
}

/**
 * The profile in force, and how often each of its behaviours ran: `served` counts
 * `factor=value` each time code that differs by that factor answered.
 */
export class Profiles {
  readonly profile: Readonly<Profile>
  readonly served = new Map<string, number>()

  constructor(chosen: Partial<Profile> = {}) {
    for (const [name, value] of Object.entries(chosen)) {
      const values: readonly string[] = isFactor(name) ? PROFILE_VALUES[name] : []
      if (!values.includes(value)) parseProfile(`${name}=${value}`, 'The emulator profile')
    }
    this.profile = Object.freeze({ ...DEFAULT_PROFILE, ...chosen })
  }

  /** The factor's value, counted as served. Call it where the behaviours part. */
  use<F extends Factor>(factor: F): Profile[F] {
    const value = this.profile[factor]
    const key = `${factor}=${value}`
    this.served.set(key, (this.served.get(key) ?? 0) + 1)
    return value
  }
}
