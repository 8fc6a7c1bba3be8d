/**
 * The client under Chatwork's rate limits: the token's window (x-ratelimit-reset), the room's
 * posting limit, and headers out of range. Apart from client.test.ts because several of these
 * wait in real time for an emulator's window to pass: in a file of their own, they run beside
 * the other unit files instead of after them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { realClock } from '../src/clock.js'
import type { ChatworkClient, ClientOptions } from '../src/chatwork/client.js'
import { ChatworkHttpError } from '../src/errors.js'
import { ChatworkEmulator, ROOM } from '../tools/emulator/index.js'
import { recordingClient } from './support/client.js'

const room = String(ROOM)
let emulator: ChatworkEmulator
let logs: string[]
let waits: number[]

beforeEach(async () => {
  emulator = await new ChatworkEmulator().start()
  logs = []
  waits = []
})
afterEach(() => emulator.stop())

/** A client whose retry waits are recorded and take no time, unless a test gives it a clock. */
const client = (overrides: Partial<ClientOptions> = {}): ChatworkClient =>
  recordingClient(emulator, { logs, waits }, overrides)

describe('rate limits', () => {
  it("waits for the token's window to reset, not counting it as a retry", async () => {
    await emulator.stop()
    emulator = await new ChatworkEmulator({ tokenLimit: { max: 1, windowMs: 1_000 } }).start()
    // Real time: the emulator's window really has to pass.
    const c = client({ policy: { retries: 0 }, random: () => 0, clock: realClock })
    await c.listMessages(room, { force: true })
    const started = Date.now()
    await c.listMessages(room, { force: true })
    expect(emulator.requests.map(r => r.status)).toEqual([204, 429, 204])
    expect(Date.now() - started).toBeLessThan(2_500)
    expect(logs[0]).toMatch(/429 Too Many Requests: "Rate limit exceeded.". Waiting \d\.\d s/)
  })

  it('fails with the 429 when the reset is further away than it may wait', async () => {
    await emulator.stop()
    emulator = await new ChatworkEmulator({ tokenLimit: { max: 0, windowMs: 600_000 } }).start()
    const error = await client()
      .listMessages(room, { force: true })
      .catch((e: unknown) => e)
    expect((error as ChatworkHttpError).status).toBe(429)
    expect(emulator.requests).toHaveLength(1)
    expect(waits).toEqual([])
  })

  it("waits one posting window after the room's limit, then posts", async () => {
    await emulator.stop()
    emulator = await new ChatworkEmulator({ roomPostLimit: { max: 2, windowMs: 400 } }).start()
    const c = client({
      policy: { retries: 0, roomPostWindowMs: 400 },
      random: () => 0.5,
      clock: realClock
    })
    const ids = await Promise.all(
      ['a', 'b', 'c'].map(body =>
        c.postMessage(room, body, { selfUnread: false, since: Date.now() })
      )
    )
    expect(new Set(ids).size).toBe(3)
    expect(
      emulator
        .messages(ROOM)
        .map(m => m.body)
        .sort()
    ).toEqual(['a', 'b', 'c'])
    expect(logs.some(l => l.includes('Rate limit for message posting per room exceeded.'))).toBe(
      true
    )
  })

  it('waits exactly one posting window plus a tenth of jitter after a room-limit 429', async () => {
    emulator.inject({
      times: 2,
      method: 'POST',
      fault: {
        kind: 'status',
        status: 429,
        body: '{"errors":["Rate limit for message posting per room exceeded."]}'
      }
    })
    const c = client({ policy: { retries: 0 } })
    await c.postMessage(room, 'x', { selfUnread: false, since: Date.now() })
    expect(waits).toEqual([10_500, 10_500])
    expect(emulator.messages(ROOM)).toHaveLength(1)
  })

  it('computes the token wait from x-ratelimit-reset and the clock, within the time bound', async () => {
    await emulator.stop()
    emulator = await new ChatworkEmulator({ tokenLimit: { max: 1, windowMs: 60_000 } }).start()
    const c = client({ policy: { retries: 0 } })
    const reset = (await c.listMessages(room, { force: true })).rateLimit?.reset ?? 0
    const now = reset * 1000 - 12_345
    const timed = client({
      policy: { retries: 0, maxRateLimitWaitMs: 20_000 },
      clock: { now: () => now, sleep: async ms => void waits.push(ms) },
      random: () => 0.5
    })
    // Waits once (12.8 s), is limited again, and would then pass the 20 s bound: fails.
    await expect(timed.listMessages(room, { force: true })).rejects.toThrow(/429/)
    expect(waits).toEqual([12_345 + 500])
    expect(emulator.requests.map(r => r.status)).toEqual([204, 429, 429])
  })

  it('ignores a Retry-After and an x-ratelimit-reset out of range: one posting window, then on', async () => {
    await emulator.stop()
    emulator = await new ChatworkEmulator({ tokenLimit: { max: 1, windowMs: 300 } }).start()
    const debugs: string[] = []
    const c = client({
      policy: { retries: 0 },
      debug: m => void debugs.push(m),
      clock: {
        now: Date.now,
        sleep: async ms => {
          waits.push(ms)
          await realClock.sleep(400)
        }
      }
    })
    await c.listMessages(room, { force: true })
    emulator.inject({
      times: 1,
      fault: {
        kind: 'headers-after',
        headers: { 'retry-after': '99999999999', 'x-ratelimit-reset': '99999999999999' }
      }
    })
    expect((await c.listMessages(room, { force: true })).items).toEqual([])
    expect(emulator.requests.map(r => r.status)).toEqual([204, 429, 204])
    expect(waits).toEqual([10_500])
    expect(debugs).toContain(
      'Ignored the response header retry-after: "99999999999"; expected whole seconds, at most 86400 s.'
    )
    expect(debugs).toContain(
      'Ignored the response header x-ratelimit-reset: "99999999999999"; expected Unix seconds, at most 86400 s from now.'
    )
  })

  it('records the x-ratelimit headers', async () => {
    const { rateLimit } = await client().listMessages(room, { force: true })
    expect(rateLimit).toMatchObject({ quota: 300, remaining: 299 })
  })
})
