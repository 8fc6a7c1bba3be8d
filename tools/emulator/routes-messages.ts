/** The message endpoints: list, post, read one, edit, delete. */
import type { RoomContext } from './context.js'
import { LIST_CAP, validateBody } from './limits.js'
import { errors, json, noContent, type Reply } from './wire.js'
import { nowSeconds } from './world.js'

/** `GET /rooms/{id}/messages`: `force=1` the latest, otherwise what this token has not seen. */
export function listMessages({ room, query, token, world }: RoomContext): Reply {
  const force = query.get('force') === '1'
  const key = `${token}\u0000${room.room_id}`
  const seen = world.cursors.get(key) ?? 0
  const all = room.messages
  world.cursors.set(key, all.length)
  const fresh = force ? all : all.slice(seen)
  if (fresh.length === 0) return noContent()
  return json(200, fresh.slice(-LIST_CAP))
}

export function postMessage({ room, role, form, account, world, limits }: RoomContext): Reply {
  const invalid = validateBody(form.get('body'))
  if (invalid) return invalid
  if (role === 'readonly') return errors(403, ["You don't have permission to send messages"])
  const limited = limits.takePostSlot(room.room_id)
  if (limited) return limited
  const message = world.post(room.room_id, account, form.get('body') ?? '')
  return json(200, { message_id: message.message_id })
}

function findMessage({ room, params }: RoomContext) {
  return room.messages.find(m => m.message_id === params[0])
}

const messageNotFound = () => errors(404, ['Message not found'])

export function getMessage(ctx: RoomContext): Reply {
  const message = findMessage(ctx)
  return message ? json(200, message) : messageNotFound()
}

export function editMessage(ctx: RoomContext): Reply {
  const message = findMessage(ctx)
  if (!message) return messageNotFound()
  const invalid = validateBody(ctx.form.get('body'))
  if (invalid) return invalid
  const own = message.account.account_id === ctx.account.account_id
  if (!own || ctx.role === 'readonly') return errors(403, ["You can't edit this message"])
  message.body = ctx.form.get('body') ?? ''
  message.update_time = nowSeconds()
  return json(200, { message_id: message.message_id })
}

export function deleteMessage(ctx: RoomContext): Reply {
  const message = findMessage(ctx)
  if (!message) return messageNotFound()
  const own = message.account.account_id === ctx.account.account_id
  if (!own || ctx.role === 'readonly') return errors(403, ["You can't delete this message"])
  ctx.room.messages.splice(ctx.room.messages.indexOf(message), 1)
  return json(200, { message_id: message.message_id })
}
