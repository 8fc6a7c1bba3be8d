import { describe, expect, it } from 'vitest'
import { normalise } from '../tools/record/record.js'

const URL = 'http://127.0.0.1:41234/v2'

describe("the recorder's normalisation", () => {
  it('numbers ids by first appearance, so the same id stays the same', () => {
    expect(
      normalise(
        'sent 1928374655918273645, then 1928374656918274001; edited 1928374655918273645',
        URL
      )
    ).toBe('sent <id1>, then <id2>; edited <id1>')
  })

  it('replaces what varies between runs: the emulator, times, durations, paths', () => {
    expect(
      normalise(
        'http://127.0.0.1:41234/v2/me at 2026-12-02T13:06:27.123Z took 12 ms (1.5 s) in /tmp/chatwork-action-abc123; limit=1764650000',
        URL
      )
    ).toBe('<emulator>/v2/me at <time> took <duration> (<duration>) in <tmp>; limit=<epoch>')
  })

  it('keeps what a behaviour change would change: words, room ids, counts', () => {
    const text = 'Sent message to room 335028121: 2 of 3 approvals, retries 3'
    expect(normalise(text, URL)).toBe(text)
  })

  it('collapses repeated looks of a waiting gate, not other repeated lines', () => {
    const looks = 'GET /rooms/1/messages?force=1 -> 200\n'.repeat(3)
    expect(normalise(`${looks}POST /rooms/1/messages -> 200\n`.repeat(1), URL)).toBe(
      'GET /rooms/1/messages?force=1 -> 200\nPOST /rooms/1/messages -> 200\n'
    )
    expect(normalise('POST /rooms/1/messages -> 200\nPOST /rooms/1/messages -> 200', URL)).toBe(
      'POST /rooms/1/messages -> 200\nPOST /rooms/1/messages -> 200'
    )
  })
})
