/**
 * The `task-due` and `time-zone` inputs: when a task is due, as Chatwork takes it (`limit_type`
 * and `limit` in Unix seconds). Pure: "now" is passed in.
 *
 * - empty: no deadline (`none`);
 * - `2026-12-24`: that day (`date`), its last second in `time-zone` (Chatwork shows a date
 *   deadline as the day, and its own date deadlines end at 23:59:59 local time);
 * - `2026-12-24T18:00:00+09:00` (or `Z`): that moment (`time`); without the offset, that time
 *   on the clocks of `time-zone`: refused when the clocks skip it (daylight saving starts), the
 *   earlier of the two, said in a warning, when they show it twice (it ends);
 * - `3d`, `12h`, `90m`, `1d12h`: that long from now (`time`).
 */
import { Input } from '../constants.js'
import { DEFAULTS } from './action-inputs.js'
import { InputError } from '../errors.js'
import { quote } from '../format.js'
import type { TaskDeadline } from '../chatwork/requests.js'

/** A deadline further away than this is a mistake (a year typed wrong, minutes for days). */
const MAX_DAYS_AHEAD = 3660

const ACCEPTED =
  'expected a date (2026-12-24), a date and time with its offset (2026-12-24T18:00:00+09:00 or …Z) or without it (2026-12-24T18:00, read in time-zone), a duration from now (3d, 12h, 90m, 1d12h), or nothing for no deadline'

/** An IANA time zone name such as Asia/Tokyo or UTC, as Intl knows them. */
export function parseTimeZone(value: string): string {
  const zone = value.trim() || DEFAULTS[Input.timeZone]
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone
  } catch {
    throw new InputError(
      `Input '${Input.timeZone}' is ${quote(value)}; expected an IANA time zone name such as 'Asia/Tokyo', 'Europe/Berlin' or 'UTC'.`
    )
  }
}

export function parseTaskDue(
  value: string,
  timeZone: string,
  nowMs: number,
  warn: (message: string) => void = () => {}
): TaskDeadline {
  const text = value.trim()
  if (text === '') return { type: 'none', time: 0 }
  const deadline =
    parseDate(text, timeZone) ?? parseDateTime(value, timeZone, warn) ?? parseDuration(text, nowMs)
  if (!deadline) throw new InputError(`Input '${Input.taskDue}' is ${quote(value)}; ${ACCEPTED}.`)
  const nowSeconds = Math.floor(nowMs / 1000)
  if (deadline.time <= nowSeconds) {
    throw new InputError(
      `Input '${Input.taskDue}' is ${quote(value)}, which is in the past (${describeDeadline(deadline, timeZone)}); expected a deadline after now.`
    )
  }
  if (deadline.time > nowSeconds + MAX_DAYS_AHEAD * 86_400) {
    throw new InputError(
      `Input '${Input.taskDue}' is ${quote(value)}, more than ${MAX_DAYS_AHEAD} days from now; check the year or the unit.`
    )
  }
  return deadline
}

/** The deadline as a person reads it, in `timeZone`: `2026-12-24` or `2026-12-24 18:00`. */
export function describeDeadline(deadline: TaskDeadline, timeZone: string): string {
  if (deadline.type === 'none') return 'no deadline'
  const parts = localParts(deadline.time * 1000, timeZone)
  const date = `${parts.year}-${pad(parts.month)}-${pad(parts.day)}`
  if (deadline.type === 'date') return `${date} (${timeZone})`
  return `${date} ${pad(parts.hour)}:${pad(parts.minute)} (${timeZone})`
}

function parseDate(text: string, timeZone: string): TaskDeadline | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (!m) return undefined
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (!isRealDate(year, month, day)) return undefined
  return {
    type: 'date',
    time: Math.floor(localToUtc(year, month, day, 23, 59, 59, timeZone) / 1000)
  }
}

/**
 * A date and time: with its offset (or `Z`), that moment; without one, that time on the clocks
 * of `timeZone`.
 */
function parseDateTime(
  value: string,
  timeZone: string,
  warn: (message: string) => void
): TaskDeadline | undefined {
  const text = value.trim()
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?$/i.exec(text)
  if (!m) return undefined
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = [1, 2, 3, 4, 5, 6].map(
    i => Number(m[i] ?? 0)
  )
  if (!isRealDate(year, month, day)) return undefined
  if (hour > 23 || minute > 59 || second > 59) return undefined
  if (m[7]) {
    const ms = Date.parse(text.toUpperCase())
    return Number.isNaN(ms) ? undefined : { type: 'time', time: Math.floor(ms / 1000) }
  }
  const wall = Date.UTC(year, month - 1, day, hour, minute, second)
  return onLocalClocks(value, wall, timeZone, warn)
}

/**
 * The instant at which the clocks of `timeZone` show `wall` (a local time written as if UTC):
 * refused when they skip it (daylight saving starts), the earlier, with a warning, when they
 * show it twice (it ends).
 */
function onLocalClocks(
  value: string,
  wall: number,
  timeZone: string,
  warn: (message: string) => void
): TaskDeadline {
  // The zone's offsets a day before and a day after: a change of offset lies between them.
  const offsets = new Set([
    offsetMs(wall - 86_400_000, timeZone),
    offsetMs(wall + 86_400_000, timeZone)
  ])
  const instants = [...offsets]
    .map(offset => wall - offset)
    .filter(instant => wall - offsetMs(instant, timeZone) === instant)
    .sort((a, b) => a - b)
  const [first] = instants
  if (first === undefined) {
    throw new InputError(
      `Input '${Input.taskDue}' is ${quote(value)}: that time does not exist in ${timeZone} (its clocks skip it when daylight saving time starts). Give a time that exists there, or the offset (…T18:00:00+09:00).`
    )
  }
  if (instants.length > 1) {
    warn(
      `Input '${Input.taskDue}' is ${quote(value)}: the clocks in ${timeZone} show that time twice (daylight saving time ends); the earlier, ${new Date(first).toISOString().replace('.000', '')}, is taken. Give the offset to choose.`
    )
  }
  return { type: 'time', time: Math.floor(first / 1000) }
}

const UNIT_SECONDS: Record<string, number> = { d: 86_400, h: 3_600, m: 60 }

function parseDuration(text: string, nowMs: number): TaskDeadline | undefined {
  const m = /^(?:(\d{1,5})d)?(?:(\d{1,6})h)?(?:(\d{1,7})m)?$/i.exec(text)
  if (!m || text === '') return undefined
  const seconds =
    Number(m[1] ?? 0) * (UNIT_SECONDS.d ?? 0) +
    Number(m[2] ?? 0) * (UNIT_SECONDS.h ?? 0) +
    Number(m[3] ?? 0) * (UNIT_SECONDS.m ?? 0)
  if (seconds === 0) return undefined
  return { type: 'time', time: Math.floor(nowMs / 1000) + seconds }
}

function isRealDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day))
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day
}

/**
 * The instant (ms) at which the clocks in `timeZone` show this local time. The zone's offset
 * is read at a first guess and read again at the result, which settles daylight saving.
 */
function localToUtc(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  timeZone: string
): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second)
  let instant = wall - offsetMs(wall, timeZone)
  instant = wall - offsetMs(instant, timeZone)
  return instant
}

/** How far `timeZone`'s clocks are ahead of UTC at `instant`. */
function offsetMs(instant: number, timeZone: string): number {
  const p = localParts(instant, timeZone)
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second)
  return wall - Math.floor(instant / 1000) * 1000
}

interface LocalParts {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
}

function localParts(instant: number, timeZone: string): LocalParts {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric'
  })
  const parts = Object.fromEntries(format.formatToParts(instant).map(p => [p.type, p.value]))
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second)
  }
}

function pad(n: number): string {
  return String(n).padStart(2, '0')
}
