/**
 * The route table, in the order of docs/chatwork-api.md, then the endpoints only tests use
 * (test/emulator-routes.test.ts checks both). A route under `/rooms/{room_id}` is reached only
 * when the room exists and the caller is a member of it (404 otherwise, as Chatwork answers).
 */
import type { RoomContext, RouteContext } from './context.js'
import {
  deleteMessage,
  editMessage,
  getMessage,
  listMessages,
  markRead,
  postMessage
} from './routes-messages.js'
import { getMe, getRoom, listFiles, listMembers, listRooms, uploadFile } from './routes-rooms.js'
import { getTask, listTasks, postTasks, setTaskStatus } from './routes-tasks.js'
import { NOT_FOUND, type Reply } from './wire.js'

interface Route<C> {
  method: string
  /** The path after `/v2/rooms/{room_id}` (room routes) or after `/v2` (others). */
  path: RegExp
  handle(ctx: C): Reply
}

export const TOP_ROUTES: Route<RouteContext>[] = [
  { method: 'GET', path: /^\/me$/, handle: getMe },
  { method: 'GET', path: /^\/rooms$/, handle: listRooms }
]

export const ROOM_ROUTES: Route<RoomContext>[] = [
  { method: 'GET', path: /^\/messages$/, handle: listMessages },
  { method: 'GET', path: /^\/messages\/(\d+)$/, handle: getMessage },
  { method: 'POST', path: /^\/messages$/, handle: postMessage },
  { method: 'PUT', path: /^\/messages\/(\d+)$/, handle: editMessage },
  { method: 'DELETE', path: /^\/messages\/(\d+)$/, handle: deleteMessage },
  { method: 'GET', path: /^\/members$/, handle: listMembers },
  { method: 'POST', path: /^\/files$/, handle: uploadFile },
  { method: 'GET', path: /^\/files$/, handle: listFiles },
  { method: 'POST', path: /^\/tasks$/, handle: postTasks },
  { method: 'GET', path: /^\/tasks$/, handle: listTasks },
  { method: 'GET', path: /^\/tasks\/(\d+)$/, handle: getTask },
  { method: 'PUT', path: /^\/tasks\/(\d+)\/status$/, handle: setTaskStatus },
  // Not used by the action: for tests of what it reads and of unread counts.
  { method: 'GET', path: /^$/, handle: getRoom },
  { method: 'PUT', path: /^\/messages\/read$/, handle: markRead }
]

function find<C>(routes: Route<C>[], method: string, path: string) {
  for (const route of routes) {
    const match = route.method === method ? route.path.exec(path) : null
    if (match) return { route, params: match.slice(1) }
  }
  return undefined
}

/** Answers an authenticated request from the table. */
export function dispatch(method: string, path: string, ctx: Omit<RouteContext, 'params'>): Reply {
  const top = find(TOP_ROUTES, method, path)
  if (top) return top.route.handle({ ...ctx, params: top.params })
  const match = /^\/rooms\/(\d+)(\/.*)?$/.exec(path)
  if (!match) return NOT_FOUND()
  const room = ctx.world.rooms.get(Number(match[1]))
  const role = room?.members.get(ctx.account.account_id)
  if (!room || !role) return NOT_FOUND()
  const found = find(ROOM_ROUTES, method, match[2] ?? '')
  if (!found) return NOT_FOUND()
  return found.route.handle({ ...ctx, room, role, params: found.params })
}
