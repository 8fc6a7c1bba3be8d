/**
 * End-to-end: what only informs (the members check, `/me`) runs alongside the request that
 * matters, and the log does not show it: with every answer delayed it reads as without. The
 * overlap is read from the emulator's request log (start and end of each request): a structural
 * check, not a timing bound.
 */
import { describe, expect, it } from 'vitest'
import { ALICE, CAROL, ChatworkEmulator, OPS_ROOM, ROOM } from '../tools/emulator/index.js'
import type { RecordedRequest } from '../tools/emulator/types.js'
import { ok, runAgainst, useEmulator } from './support/e2e.js'

const quick = useEmulator()
const slow = useEmulator({ latencyMs: 100 })

/** Someone outside both rooms: the members check warns about them. */
const STRANGER = '9999999'

/**
 * The log with what differs from run to run (ids, times) replaced. Each exchange's own debug
 * line comes when its answer does, so requests in flight together log in either order: those
 * lines are left out; everything the action says about them stays.
 */
function normalised(stdout: string): string {
  return stdout
    .split('\n')
    .filter(line => !/^::add-mask::|^::debug::(GET|POST|PUT|DELETE) \//.test(line))
    .join('\n')
    .replace(/\d{13,}/g, '<id>')
    .replace(/task(s?) [\d, ]+ in room/g, 'task$1 <ids> in room')
    .replace(/\d+(\.\d+)? ?(ms|s)\b/g, '<time>')
}

function overlap(a: RecordedRequest | undefined, b: RecordedRequest | undefined): boolean {
  if (!a || !b) throw new Error('a request is missing from the log')
  return a.startMs < (b.endMs ?? Infinity) && b.startMs < (a.endMs ?? Infinity)
}

async function both(inputs: Record<string, string>, prepare?: (e: ChatworkEmulator) => void) {
  const logs: string[] = []
  for (const server of [quick(), slow()]) {
    prepare?.(server)
    logs.push(normalised(ok(await runAgainst(server, inputs)).stdout))
  }
  return logs
}

describe('the log with latency is the log without', () => {
  it('send with `to` to two rooms, one warning each', async () => {
    const [without, withLatency] = await both({
      'room-id': `${ROOM},${OPS_ROOM}`,
      message: 'Deployed.',
      to: `${ALICE.account_id},${STRANGER}`
    })
    expect(without).toContain(`is not a member of room ${ROOM}`)
    expect(without).toContain(
      `Accounts ${ALICE.account_id}, ${STRANGER} are not a member of room ${OPS_ROOM}`
    )
    expect(withLatency).toBe(without)
    // The warnings come before the posts' lines, as when the check went first.
    const lines = (without ?? '').split('\n')
    const warned = lines.findLastIndex(
      l => l.includes('is not a member') || l.includes('are not a member')
    )
    const sent = lines.findIndex(l => l.startsWith('Sent message'))
    expect(warned).toBeGreaterThanOrEqual(0)
    expect(warned).toBeLessThan(sent)
  })

  it('task for a member', async () => {
    const [without, withLatency] = await both({
      mode: 'task',
      message: 'Review the release notes.',
      to: `${CAROL.account_id}`
    })
    expect(without).toContain('Created task')
    expect(withLatency).toBe(without)
  })

  it('a failed members check is a debug line, and the message still goes once', async () => {
    const fail = (e: ChatworkEmulator) =>
      e.inject({
        fault: { kind: 'status', status: 500 },
        times: 100,
        method: 'GET',
        pathPrefix: `/rooms/${ROOM}/members`
      })
    const [without, withLatency] = await both(
      { message: 'Deployed.', to: STRANGER, retries: '0' },
      fail
    )
    expect(without).toContain(`Could not check the members of room ${ROOM}`)
    expect(withLatency).toBe(without)
    expect(slow().messages(ROOM)).toHaveLength(1)
  })

  it('fetch as a gate that needs its own account', async () => {
    const prepare = (e: ChatworkEmulator) => e.post(ROOM, ALICE, '/approve ship it')
    const [without, withLatency] = await both({ mode: 'fetch', match: '^/approve\\b' }, prepare)
    expect(without).toContain('Decision: approved')
    expect(withLatency).toBe(without)
  })
})

describe('what only informs overlaps the request that matters', () => {
  it('send: the members GET and the POST are in flight together', async () => {
    ok(await runAgainst(slow(), { message: 'Deployed.', to: `${ALICE.account_id}` }))
    const [members] = slow().requestsTo('GET', `/rooms/${ROOM}/members`)
    const [post] = slow().requestsTo('POST', `/rooms/${ROOM}/messages`)
    expect(overlap(members, post)).toBe(true)
  })

  it('task: the members GET and the POST of the task are in flight together', async () => {
    ok(await runAgainst(slow(), { mode: 'task', message: 'Review.', to: `${ALICE.account_id}` }))
    const [members] = slow().requestsTo('GET', `/rooms/${ROOM}/members`)
    const [created] = slow().requestsTo('POST', `/rooms/${ROOM}/tasks`)
    expect(overlap(members, created)).toBe(true)
  })

  it('fetch: `/me` and the first look are in flight together', async () => {
    slow().post(ROOM, ALICE, '/approve')
    ok(await runAgainst(slow(), { mode: 'fetch', match: '^/approve\\b' }))
    const [me] = slow().requestsTo('GET', '/me')
    const [first] = slow().requestsTo('GET', `/rooms/${ROOM}/messages`)
    expect(overlap(me, first)).toBe(true)
  })
})
