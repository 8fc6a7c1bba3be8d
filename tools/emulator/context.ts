/** What a route's handler is given: the request as parsed, who sent it, and the world. */
import type { Limits } from './limits.js'
import type { Profiles } from './profile.js'
import type { Account, MemberRole, Room } from './types.js'
import type { Multipart } from './wire.js'
import type { World } from './world.js'

interface Caller {
  token: string
  account: Account
}

export interface RouteContext extends Caller {
  world: World
  limits: Limits
  profiles: Profiles
  /** GET parameters. */
  query: URLSearchParams
  /** POST and PUT parameters: the form body only. */
  form: URLSearchParams
  multipart: Multipart | undefined
  /** The path's captures after the room: a message's or a task's id. */
  params: string[]
}

/** A route under /rooms/{room_id}: the room exists and the caller is a member. */
export interface RoomContext extends RouteContext {
  room: Room
  role: MemberRole
}
