/**
 * What send and task share: doing one thing in every room at once (a room that fails does not
 * stop the others), the error that lists the rooms that failed, and the check that the people
 * mentioned or assigned are members.
 */
import { DeliveryError, messageOf } from '../errors.js'
import type { Names } from '../summary/preview.js'
import type { ModeDeps, Outputs } from './result.js'
import { couldNotDeliver } from '../texts.js'
import { plural } from '../format.js'

export interface Delivered<T> {
  roomId: string
  value: T
}

export interface Settled<T> {
  delivered: Delivered<T>[]
  /** Each room that failed, with why. */
  failed: [string, unknown][]
}

/** Runs `operation` for every room in parallel and sorts the results. */
export async function inEveryRoom<T>(
  roomIds: string[],
  operation: (roomId: string) => Promise<T>
): Promise<Settled<T>> {
  const settled = await Promise.allSettled(roomIds.map(operation))
  return {
    delivered: settled.flatMap((s, i) =>
      s.status === 'fulfilled' ? [{ roomId: roomIds[i] ?? '', value: s.value }] : []
    ),
    failed: settled.flatMap((s, i): [string, unknown][] =>
      s.status === 'rejected' ? [[roomIds[i] ?? '', s.reason]] : []
    )
  }
}

/** One room's own error as it is; for several, which rooms failed, why, and which got it. */
export function deliveryFailure(
  roomIds: string[],
  { delivered, failed }: Settled<unknown>,
  outputs: Outputs
): DeliveryError {
  const [only] = failed
  if (only && roomIds.length === 1 && only[1] instanceof DeliveryError) return only[1]
  const reasons = failed.map(([room, reason]) => `room ${room}: ${messageOf(reason)}`)
  const got = delivered.map(d => d.roomId)
  const others = got.length === 0 ? '' : `; ${plural(got.length, 'room')} ${got.join(', ')} got it`
  return new DeliveryError(
    couldNotDeliver(
      failed.length,
      roomIds.length,
      failed.map(f => f[0]).join(', '),
      others,
      reasons.join('\n')
    ),
    { outputs }
  )
}

/**
 * A mention of someone who is not in the room notifies nobody, and a task cannot be given to
 * them: say so (best effort). Returns the members' names, for the summary's preview.
 *
 * It only informs, so callers start it alongside the request that matters and await it before
 * they log that request's outcome: the look-ups cost no round trip of their own, and the log
 * reads as if they had come first. It never rejects (a failed look-up is a debug line), so it
 * cannot change the outcome of the post; its lines come in the order of `roomIds`.
 */
export async function warnAboutNonMembers(
  { client, log }: ModeDeps,
  roomIds: string[],
  accounts: string[],
  consequence: string
): Promise<Names> {
  const names = new Map<string, string>()
  if (accounts.length === 0) return names
  const lines = await Promise.all(
    roomIds.map(async (roomId): Promise<[level: 'warning' | 'debug', text: string] | undefined> => {
      try {
        const list = await client.listMembers(roomId)
        for (const m of list) names.set(String(m.account_id), m.name)
        const members = new Set(list.map(m => String(m.account_id)))
        const missing = accounts.filter(id => !members.has(id))
        if (missing.length === 0) return undefined
        const n = missing.length
        return [
          'warning',
          `${plural(n, 'Account')} ${missing.join(', ')} ${plural(n, 'is', 'are')} not a member of room ${roomId}: ${consequence.replace('{them}', plural(n, 'it', 'them'))}.`
        ]
      } catch (error) {
        return ['debug', `Could not check the members of room ${roomId}: ${messageOf(error)}`]
      }
    })
  )
  for (const line of lines) {
    if (line?.[0] === 'warning') log.warning(line[1])
    else if (line) log.debug(line[1])
  }
  return names
}
