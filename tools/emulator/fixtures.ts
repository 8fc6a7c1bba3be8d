/**
 * Who and what the emulator starts with: a token for each of four accounts, four rooms, and the demo's
 * greeting. `reset()` returns the rooms to exactly these.
 */
import type { Account, MemberRole } from './types.js'

export const DEFAULT_TOKEN = 'emulator-token-0123456789abcdef'
export const OTHER_TOKEN = 'emulator-token-alice-fedcba987654'
export const BOT: Account = {
  account_id: 1001,
  name: 'Deploy Bot',
  avatar_image_url: 'https://appdata.chatwork.com/avatar/1001.png'
}
export const ALICE: Account = {
  account_id: 2002,
  name: 'Alice Tanaka',
  avatar_image_url: 'https://appdata.chatwork.com/avatar/2002.png'
}
export const BOB: Account = {
  account_id: 3003,
  name: 'Bob Suzuki',
  avatar_image_url: 'https://appdata.chatwork.com/avatar/3003.png'
}
/** Carol is an admin of ROOM: the approver a gate with `from-roles: admin` waits for. */
export const CAROL: Account = {
  account_id: 4004,
  name: 'Carol Sato',
  avatar_image_url: 'https://appdata.chatwork.com/avatar/4004.png'
}
const KNOWN_ACCOUNTS = [BOT, ALICE, BOB, CAROL]
/** The bot (admin), Alice and Bob (members) and Carol (admin) are members. */
export const ROOM = 335028121
/** A second room the bot and Bob are in. */
export const OPS_ROOM = 335028200
/** The bot is a read-only member: it may read but not post. */
export const READONLY_ROOM = 409502735
/** Exists, but the bot is not a member: 404 like Chatwork. */
export const FOREIGN_ROOM = 512345678

export const BOB_TOKEN = 'emulator-token-bob-5a5a5a5a5a5a5a'
export const CAROL_TOKEN = 'emulator-token-carol-a1a1a1a1a1a1'

/** The tokens the emulator knows, and whose they are: one per account. */
export const FIXTURE_TOKENS: readonly (readonly [string, Account])[] = [
  [DEFAULT_TOKEN, BOT],
  [OTHER_TOKEN, ALICE],
  [BOB_TOKEN, BOB],
  [CAROL_TOKEN, CAROL]
]

interface FixtureRoom {
  roomId: number
  name: string
  members: [number, MemberRole][]
}

export const FIXTURE_ROOMS: readonly FixtureRoom[] = [
  {
    roomId: ROOM,
    name: 'Releases',
    members: [
      [BOT.account_id, 'admin'],
      [ALICE.account_id, 'member'],
      [BOB.account_id, 'member'],
      [CAROL.account_id, 'admin']
    ]
  },
  {
    roomId: OPS_ROOM,
    name: 'Ops',
    members: [
      [BOT.account_id, 'member'],
      [BOB.account_id, 'admin']
    ]
  },
  {
    roomId: READONLY_ROOM,
    name: 'Announcements',
    members: [
      [BOT.account_id, 'readonly'],
      [ALICE.account_id, 'admin']
    ]
  },
  { roomId: FOREIGN_ROOM, name: 'Secret project', members: [[ALICE.account_id, 'admin']] }
]

/** A known account by id, or a stand-in with a made-up name. */
export function accountOf(accountId: number): Account {
  return (
    KNOWN_ACCOUNTS.find(a => a.account_id === accountId) ?? {
      account_id: accountId,
      name: `User ${accountId}`,
      avatar_image_url: ''
    }
  )
}

/** The greeting that `npm run demo`, `npm run emulator` and the CI job find in ROOM. */
const GREETING = 'Good morning! Is the release going out today?'

/** Alice's greeting in ROOM, so that fetch and match have something to find. */
export function seedDemoRoom(emulator: {
  post(roomId: number, account: Account, body: string): unknown
}): void {
  emulator.post(ROOM, ALICE, GREETING)
}
