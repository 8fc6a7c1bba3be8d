/** The message endpoints: list, post, read one, edit, delete, mark read. */
import type { RoomContext } from './context.js'
import { LIST_CAP, validateBody } from './limits.js'
import { unlocalizedTags, hasLocalizedTags } from './notation.js'
import type { StoredMessage } from './types.js'
import { errors, json, noContent, type Reply } from './wire.js'
import { nowSeconds } from './world.js'

/** The Free plan shows the past 40 days. */
const FREE_PLAN_DAYS = 40
const LIMITATION_HEADERS = {
  'chatwork-message-limitation': 'true',
  'chatwork-message-limitation-summary': `Messages older than ${FREE_PLAN_DAYS} days are not shown on the Free plan.`
}

/** What the freePlan factor lets this answer show, and the headers it adds. */
function visible(ctx: RoomContext) {
  if (ctx.profiles.use('freePlan') === 'off') {
    return { headers: {}, shows: (_m: StoredMessage) => true }
  }
  const oldest = nowSeconds() - FREE_PLAN_DAYS * 86_400
  return { headers: LIMITATION_HEADERS, shows: (m: StoredMessage) => m.send_time >= oldest }
}

function withHeaders(reply: Reply, headers: Record<string, string>): Reply {
  return { ...reply, headers: { ...reply.headers, ...headers } }
}

/** `GET /rooms/{id}/messages`: `force=1` the latest, otherwise what this token has not seen. */
export function listMessages(ctx: RoomContext): Reply {
  const { room, query, token, world } = ctx
  const force = query.get('force') === '1'
  const move = !force || ctx.profiles.use('force') === 'moves-cursor'
  const fresh = world.marks.notFetched(token, room, { move })
  const view = visible(ctx)
  const shown = (force ? room.messages : fresh).filter(view.shows)
  if (shown.length === 0) return withHeaders(noContent(), view.headers)
  return withHeaders(json(200, shown.slice(-LIST_CAP)), view.headers)
}

/** A posted or edited body, with localized tags kept or rewritten as the factor says. */
function storedBody(ctx: RoomContext): string {
  const body = ctx.form.get('body') ?? ''
  if (!hasLocalizedTags(body)) return body
  return ctx.profiles.use('localizedTags') === 'canonical' ? unlocalizedTags(body) : body
}

export function postMessage(ctx: RoomContext): Reply {
  const { room, role, form, account, world, limits } = ctx
  const invalid = validateBody(form.get('body'), ctx.profiles)
  if (invalid) return invalid
  if (role === 'readonly') return errors(403, ["You don't have permission to send messages"])
  const limited = limits.takePostSlot(room.room_id)
  if (limited) return limited
  const selfUnread = form.get('self_unread') === '1'
  const message = world.post(room.room_id, account, storedBody(ctx), { selfUnread })
  return json(200, { message_id: message.message_id })
}

function findMessage({ room, params }: RoomContext) {
  return room.messages.find(m => m.message_id === params[0])
}

const messageNotFound = () => errors(404, ['Message not found'])

export function getMessage(ctx: RoomContext): Reply {
  const message = findMessage(ctx)
  const view = visible(ctx)
  const reply = message && view.shows(message) ? json(200, message) : messageNotFound()
  return withHeaders(reply, view.headers)
}

export function editMessage(ctx: RoomContext): Reply {
  const message = findMessage(ctx)
  if (!message) return messageNotFound()
  const invalid = validateBody(ctx.form.get('body'), ctx.profiles)
  if (invalid) return invalid
  const own = message.account.account_id === ctx.account.account_id
  if (!own || ctx.role === 'readonly') return errors(403, ["You can't edit this message"])
  ctx.world.edit(message, storedBody(ctx))
  return json(200, { message_id: message.message_id })
}

/** Gone (404 from then on), or left in place as `[deleted]`, as the deleted factor says. */
export function deleteMessage(ctx: RoomContext): Reply {
  const message = findMessage(ctx)
  if (!message) return messageNotFound()
  const own = message.account.account_id === ctx.account.account_id
  if (!own || ctx.role === 'readonly') return errors(403, ["You can't delete this message"])
  ctx.world.remove(ctx.room.room_id, message, { marker: ctx.profiles.use('deleted') === 'marker' })
  return json(200, { message_id: message.message_id })
}

/** `PUT /rooms/{id}/messages/read`: up to `message_id`, or all; 400 when it is read already. */
export function markRead(ctx: RoomContext): Reply {
  const { room, account, world, form } = ctx
  const id = form.get('message_id')
  const message = id === null ? undefined : room.messages.find(m => m.message_id === id)
  if (id !== null && !message) {
    return errors(400, ["Parameter 'message_id' is not a message of this room"])
  }
  if (message && world.marks.isRead(account, room, message)) {
    return errors(400, ['The message is already read'])
  }
  world.marks.markRead(account, room, message)
  return json(200, world.marks.counts(account, room))
}
