/**
 * A Chatwork API v2 emulator: a real HTTP server on 127.0.0.1 that behaves like
 * https://api.chatwork.com/v2 as described in docs/chatwork-api.md.
 *
 * - `X-ChatWorkToken` check: 401 `{"errors":["Invalid API token"]}`.
 * - Rooms and membership: 404 when the room does not exist or the token's user is not a member,
 *   403 when a read-only member posts.
 * - POST/PUT parameters only from an `application/x-www-form-urlencoded` body (query ignored).
 * - 19-digit message ids as JSON strings; `force` cursor per token and room, 204 when nothing is new.
 * - Tasks (`POST`/`GET /rooms/{id}/tasks`) with ids past 2^53, written as JSON integers as
 *   Chatwork's spec types them, so a client that reads them through Number loses digits.
 * - `x-ratelimit-limit/remaining/reset` on every response, 429 when the token's window is used up,
 *   and the per-room posting limit (429 "Rate limit for message posting per room exceeded.").
 * - `{"errors": [...]}` bodies for every error.
 * - Fault injection for reliability tests: a status, an HTML page, a dropped connection before or
 *   after the request is processed, a delayed response.
 *
 * - `GET /rooms`, `GET /rooms/{id}` (unread and mention counts), `PUT …/messages/read` and
 *   `PUT …/tasks/{id}/status`, for tests.
 * - Profiles: each open question about Chatwork's behaviour as a factor with plausible values
 *   (profile.ts), and `served` counts of what ran; `latencyMs` for a slow network.
 *
 * Every request is recorded (method, path, headers, raw body, start and end times) so tests can
 * count and inspect them; `reset()` empties it all between tests. Tests change the world only
 * through the emulator's methods (post, addTask, setRole, setTaskStatus, backdate, …): what
 * it hands out is read-only.
 *
 * The modules, lowest first: types, wire (JSON, forms, multipart), fixtures, notation, profile
 * (the open questions' values), limits, faults, ids, reads (cursors, unread counts), world (what
 * is stored), routes-* (one per group of endpoints), routes (the table), answer (token, limit,
 * route), state (what tests set up and read directly, read-only from outside), server (HTTP,
 * latency, life cycle).
 */
export { ChatworkEmulator, type EmulatorOptions } from './server.js'
export {
  DEFAULT_PROFILE,
  FACTORS,
  PROFILE_VALUES,
  parseProfile,
  type Factor,
  type Profile
} from './profile.js'
export {
  ALICE,
  BOB,
  BOB_TOKEN,
  BOT,
  CAROL,
  CAROL_TOKEN,
  DEFAULT_TOKEN,
  FIXTURE_TOKENS,
  FOREIGN_ROOM,
  OPS_ROOM,
  OTHER_TOKEN,
  READONLY_ROOM,
  ROOM,
  seedDemoRoom
} from './fixtures.js'
