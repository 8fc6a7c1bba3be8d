/** Formatting for messages people read: quoted values and durations. (Notation is escaped in chatwork/tags.ts.) */

/** Quotes a user's value for an error message, showing invisible and overly long values. */
export function quote(value: string): string {
  const shown = value.length > 80 ? `${value.slice(0, 77)}...` : value
  return `'${JSON.stringify(shown).slice(1, -1).replace(/\\"/g, '"')}'`
}

/**
 * A number with the thousands of its whole part grouped, `1,000,000`, as English writes it. Not
 * `toLocaleString`: the first use of Intl's number formatting loads ICU's data, which costs a
 * start of the action more than the rest of its module evaluation (docs/performance.md).
 */
export function groupDigits(value: number): string {
  const [whole = '', fraction] = String(value).split('.')
  return whole.replace(/\B(?=(\d{3})+$)/g, ',') + (fraction === undefined ? '' : `.${fraction}`)
}

/** A duration for a log line: "30 s", or with `digits` decimals, "1.5 s". */
export function seconds(ms: number, digits = 0): string {
  return `${(ms / 1000).toFixed(digits)} s`
}

/**
 * Breaks the runner's older command form, `##[command]`, with a zero-width space, so that text
 * someone else wrote cannot issue one.
 */
export function breakLegacyCommands(text: string): string {
  return text.replaceAll('##[', '#\u200B#[')
}

/** A template value as text: nothing for null and undefined, JSON for objects and arrays. */
export function stringify(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

/**
 * Unix seconds as UTC, `2023-11-14 22:13:20` (`precision` 'minute': `2023-11-14 22:13`). A time
 * comes from a server or a message (`[qtmeta time=…]`), so one out of Date's range or
 * past the year 9999, or not a number, is undefined (the caller shows the value as it came),
 * never an exception.
 */
export function utcTime(
  seconds: number | string,
  precision: 'second' | 'minute' = 'second'
): string | undefined {
  const date = new Date(Number(seconds) * 1000)
  if (Number.isNaN(date.getTime())) return undefined
  const iso = date.toISOString()
  // Years before 0 or past 9999 are written -000001-… or +010000-…: not this format.
  if (!/^\d{4}-/.test(iso)) return undefined
  return iso.slice(0, precision === 'minute' ? 16 : 19).replace('T', ' ')
}

/** A word's form for a count, singular for one: `plural(2, 'room')` is `rooms`. */
export function plural(count: number, noun: string, many = `${noun}s`): string {
  return count === 1 ? noun : many
}

/** A count and its noun, singular for one: `counted(1, 'message')` is `1 message`. */
export function counted(count: number, noun: string, many = `${noun}s`): string {
  return `${count} ${plural(count, noun, many)}`
}
