import { describe, expect, it } from 'vitest'
import { describeDeadline, parseTaskDue, parseTimeZone } from '../src/inputs/due.js'

const NOW = Date.parse('2026-11-25T03:00:00Z')
const seconds = (iso: string) => Date.parse(iso) / 1000

describe('parseTaskDue', () => {
  it('a date and time without an offset is read on the clocks of time-zone', () => {
    const warned: string[] = []
    const due = (value: string, zone: string) =>
      parseTaskDue(value, zone, NOW, w => warned.push(w)).time
    expect(due('2026-12-24T18:00', 'Asia/Tokyo')).toBe(seconds('2026-12-24T09:00:00Z'))
    expect(due('2026-12-24T18:00:30', 'UTC')).toBe(seconds('2026-12-24T18:00:30Z'))
    // Summer and winter time in Berlin.
    expect(due('2027-07-01T12:00', 'Europe/Berlin')).toBe(seconds('2027-07-01T10:00:00Z'))
    expect(due('2027-01-15T12:00', 'Europe/Berlin')).toBe(seconds('2027-01-15T11:00:00Z'))
    expect(warned).toEqual([])
  })

  it('refuses a local time the clocks skip (daylight saving starts), naming the zone', () => {
    // New York: 2027-03-14 02:00 becomes 03:00.
    expect(() => parseTaskDue('2027-03-14T02:30', 'America/New_York', NOW)).toThrow(
      "Input 'task-due' is '2027-03-14T02:30': that time does not exist in America/New_York"
    )
  })

  it('takes the earlier of a local time the clocks show twice, and says so', () => {
    // New York: 2027-11-07 02:00 goes back to 01:00, so 01:30 happens at 05:30Z and 06:30Z.
    const warned: string[] = []
    const due = parseTaskDue('2027-11-07T01:30', 'America/New_York', NOW, w => warned.push(w))
    expect(due).toEqual({ type: 'time', time: seconds('2027-11-07T05:30:00Z') })
    expect(warned).toEqual([
      "Input 'task-due' is '2027-11-07T01:30': the clocks in America/New_York show that time twice (daylight saving time ends); the earlier, 2027-11-07T05:30:00Z, is taken. Give the offset to choose."
    ])
  })

  it('empty: no deadline', () => {
    expect(parseTaskDue('  ', 'Asia/Tokyo', NOW)).toEqual({ type: 'none', time: 0 })
  })

  it('a date ends at 23:59:59 in the time zone', () => {
    expect(parseTaskDue('2026-12-24', 'Asia/Tokyo', NOW)).toEqual({
      type: 'date',
      time: seconds('2026-12-24T14:59:59Z')
    })
    expect(parseTaskDue('2026-12-24', 'UTC', NOW).time).toBe(seconds('2026-12-24T23:59:59Z'))
    expect(parseTaskDue('2026-12-24', 'America/New_York', NOW).time).toBe(
      seconds('2026-12-25T04:59:59Z')
    )
  })

  it('a date on which daylight saving time starts or ends', () => {
    // Berlin: 29 March 2026 goes from UTC+1 to UTC+2, 25 October back.
    expect(parseTaskDue('2027-03-28', 'Europe/Berlin', NOW).time).toBe(
      seconds('2027-03-28T21:59:59Z')
    )
    expect(parseTaskDue('2027-10-31', 'Europe/Berlin', NOW).time).toBe(
      seconds('2027-10-31T22:59:59Z')
    )
  })

  it('a leap day exists only in leap years', () => {
    expect(parseTaskDue('2028-02-29', 'UTC', NOW).type).toBe('date')
    expect(() => parseTaskDue('2027-02-29', 'UTC', NOW)).toThrow("is '2027-02-29'; expected")
  })

  it('a date and time with its offset', () => {
    expect(parseTaskDue('2026-12-24T18:00:00+09:00', 'UTC', NOW)).toEqual({
      type: 'time',
      time: seconds('2026-12-24T09:00:00Z')
    })
    expect(parseTaskDue('2026-12-24T18:00Z', 'UTC', NOW).time).toBe(seconds('2026-12-24T18:00:00Z'))
    expect(() => parseTaskDue('2026-12-24T25:00:00Z', 'UTC', NOW)).toThrow('expected a date')
  })

  it('durations from now', () => {
    const now = NOW / 1000
    expect(parseTaskDue('3d', 'UTC', NOW)).toEqual({ type: 'time', time: now + 3 * 86_400 })
    expect(parseTaskDue('12h', 'UTC', NOW).time).toBe(now + 12 * 3_600)
    expect(parseTaskDue('90m', 'UTC', NOW).time).toBe(now + 90 * 60)
    expect(parseTaskDue('1d12h30m', 'UTC', NOW).time).toBe(now + 86_400 + 12 * 3_600 + 1_800)
    expect(parseTaskDue('2D', 'UTC', NOW).time).toBe(now + 2 * 86_400)
  })

  it.each(['tomorrow', '3w', 'd', '1.5d', '-1d', '0d', '2026/12/24', '24-12-2026', '1h1d'])(
    'refuses %j, naming the input and the forms',
    value => {
      expect(() => parseTaskDue(value, 'UTC', NOW)).toThrow(
        `Input 'task-due' is '${value}'; expected a date (2026-12-24), a date and time with its offset`
      )
    }
  )

  it('refuses the past, today included once it is over, and the far future', () => {
    expect(() => parseTaskDue('2026-11-24', 'Asia/Tokyo', NOW)).toThrow('which is in the past')
    expect(parseTaskDue('2026-11-25', 'Asia/Tokyo', NOW).type).toBe('date')
    expect(() => parseTaskDue('2026-11-25T11:00:00+09:00', 'UTC', NOW)).toThrow('in the past')
    expect(() => parseTaskDue('2037-01-01', 'UTC', NOW)).toThrow('more than 3660 days from now')
  })
})

describe('parseTimeZone', () => {
  it('accepts IANA names, defaults to Asia/Tokyo, refuses others', () => {
    expect(parseTimeZone('')).toBe('Asia/Tokyo')
    expect(parseTimeZone('Europe/Berlin')).toBe('Europe/Berlin')
    expect(parseTimeZone('utc')).toBe('UTC')
    expect(() => parseTimeZone('JST+9')).toThrow("Input 'time-zone' is 'JST+9'")
  })
})

describe('describeDeadline', () => {
  it('shows the deadline in the time zone', () => {
    expect(describeDeadline({ type: 'none', time: 0 }, 'UTC')).toBe('no deadline')
    expect(
      describeDeadline({ type: 'date', time: seconds('2026-12-24T14:59:59Z') }, 'Asia/Tokyo')
    ).toBe('2026-12-24 (Asia/Tokyo)')
    expect(
      describeDeadline({ type: 'time', time: seconds('2026-12-24T09:00:00Z') }, 'Asia/Tokyo')
    ).toBe('2026-12-24 18:00 (Asia/Tokyo)')
  })
})
