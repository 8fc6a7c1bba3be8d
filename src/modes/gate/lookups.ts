/**
 * What a gate looks up besides the messages, alongside the first look (never before it, so the
 * first answer is read no later than without them): the token's own account (`GET /me`), and
 * the room's members (`GET /rooms/{id}/members`) for `from-roles` and for the display names the
 * Reply and To buttons insert after their tags. After the first look, an `after-message-id` it
 * did not list (`GET /rooms/{id}/messages/{message_id}`), to place answers by its time.
 */
import type { ChatworkClient } from '../../chatwork/client.js'
import type { ApiRequest } from '../../chatwork/http.js'
import { requests } from '../../chatwork/requests.js'
import type { ChatworkMessage, Me, Member } from '../../chatwork/answers.js'
import type { Gate } from '../../inputs/settings.js'
import { Input } from '../../constants.js'
import { DeliveryError, httpStatusOf, messageOf } from '../../errors.js'
import { attempt, type Log } from '../result.js'
import { criteria, needsOwnAccount, type Criteria } from './criteria.js'

/** Whether the gate reads what people wrote: then the names after the tags matter. */
function readsText(gate: Gate): boolean {
  return gate.match !== undefined || gate.rejectMatch !== undefined
}

/** Why the gate lists the room's members, if it does. */
type MembersFor = 'roles' | 'names' | undefined

/**
 * The look-ups a gate makes alongside its first look, for the real run and the dry run alike:
 * the token's account when the criteria need it; the members for `from-roles` (required) or for
 * the names (`names`: a failure is a warning).
 */
function lookupsOf(gate: Gate): { me: boolean; members: MembersFor } {
  const members = gate.fromRoles.length > 0 ? 'roles' : readsText(gate) ? 'names' : undefined
  return { me: needsOwnAccount(gate), members }
}

/** The look-ups' requests, as the dry run lists them. */
export function lookupRequests(gate: Gate, roomId: string): ApiRequest[] {
  const { me, members } = lookupsOf(gate)
  return [...(me ? [requests.me()] : []), ...(members ? [requests.members(roomId)] : [])]
}

/**
 * The criteria, with `look` (the first look at the room) run at the same time as the
 * look-ups. Members that are only wanted for names may fail: the reader then falls back to
 * taking the rest of a tag's line for the name, and the log says so.
 */
export async function gateCriteria<T>(
  gate: Gate,
  client: ChatworkClient,
  roomId: string,
  log: Log,
  look: () => Promise<T>
): Promise<{ criteria: Criteria; first: T }> {
  const plan = lookupsOf(gate)
  const own: Promise<Me | undefined> = plan.me
    ? attempt("look up the token's own account", () => client.getMe())
    : Promise.resolve(undefined)
  const members = membersOf(plan.members, client, roomId, log)
  const [me, list, first] = await Promise.all([own, members, look()])
  let roles: Set<string> | undefined
  if (gate.fromRoles.length > 0) {
    const allowed: readonly string[] = gate.fromRoles
    roles = new Set(
      (list ?? []).filter(m => allowed.includes(m.role)).map(m => String(m.account_id))
    )
  }
  const names = new Map<string, string>()
  for (const member of list ?? []) names.set(String(member.account_id), member.name)
  if (me) names.set(String(me.account_id), me.name)
  return { criteria: criteria(gate, roomId, me?.account_id, roles, names), first }
}

async function membersOf(
  members: MembersFor,
  client: ChatworkClient,
  roomId: string,
  log: Log
): Promise<Member[] | undefined> {
  const what = `list the members of room ${roomId}`
  if (members === 'roles') return attempt(what, () => client.listMembers(roomId))
  if (members === undefined) return undefined
  try {
    return await attempt(what, () => client.listMembers(roomId))
  } catch (error) {
    if (!(error instanceof DeliveryError)) throw error
    log.warning(
      `${messageOf(error)} The names after [To:…] and [rp …] are not known: the rest of such a line is taken for the name, and what follows on the next lines is the answer.`
    )
    return undefined
  }
}

/**
 * The criteria with the anchor's `send_time` when the first look (`listed`) did not hold it:
 * older than the room's last 100, or read already with `unread-only`. A message the room does
 * not show fails the step with advice: no answer could be placed after it, and taking every
 * answer instead could approve on one older than the question.
 */
export async function placeAnchor(
  c: Criteria,
  listed: ReadonlyMap<string, ChatworkMessage>,
  client: ChatworkClient,
  roomId: string
): Promise<Criteria> {
  const { after } = c
  if (after === undefined || after.sendTime !== undefined || listed.has(after.id)) return c
  const anchor = await attempt(
    `read message ${after.id} of room ${roomId}, after which answers count ('${Input.afterMessageId}')`,
    () => client.getMessage(roomId, after.id),
    error =>
      httpStatusOf(error) === 404
        ? `The room does not show it: deleted, in another room, or hidden (the Free plan hides messages older than 40 days), so no answer can be placed after it. Check '${Input.afterMessageId}' (the message-id output of the step that asked).`
        : undefined
  )
  return { ...c, after: { id: after.id, sendTime: anchor.send_time } }
}
