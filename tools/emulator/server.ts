/**
 * The emulator's HTTP server and life cycle: start, stop, reset, and one request from arrival
 * to answer (record, fault, token, limits, route). Test helpers that store messages and tasks
 * directly (no request, no limits) live here too, as the emulator's public face.
 */
import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { faultAfter, faultBefore, Faults, type FaultRule } from './faults.js'
import { Limits, type LimitOptions } from './limits.js'
import { mentionBody, mentions, quoteBody, replyBody, type ButtonOptions } from './notation.js'
import { Profiles, type Profile } from './profile.js'
import { answer, type Services } from './answer.js'
import type {
  Account,
  LimitType,
  RecordedRequest,
  MemberRole,
  Room,
  StoredMessage
} from './types.js'
import { errors, readAll } from './wire.js'
import { World, nowSeconds } from './world.js'

export interface EmulatorOptions extends LimitOptions {
  /** Where Chatwork's behaviour is not known: the values to play (see profile.ts). */
  profile?: Partial<Profile>
  /**
   * A network's round trip: each answer comes this many milliseconds late, and the first on a
   * new connection twice that (as a TLS handshake would add).
   */
  latencyMs?: number
}

const hrtimeMs = () => Number(process.hrtime.bigint()) / 1e6

export class ChatworkEmulator {
  private readonly recorded: RecordedRequest[] = []
  private readonly profiles: Profiles
  private readonly world: World
  private readonly faults = new Faults()
  private readonly limits: Limits
  private readonly latencyMs: number
  private server: http.Server | undefined
  private readonly sockets = new Set<Socket>()
  /** Sockets that have carried a request already. */
  private readonly used = new WeakSet<Socket>()

  constructor(options: EmulatorOptions = {}) {
    this.limits = new Limits(options)
    this.profiles = new Profiles(options.profile)
    this.world = new World(this.profiles)
    this.latencyMs = options.latencyMs ?? 0
  }

  private get services(): Services {
    return { world: this.world, limits: this.limits, profiles: this.profiles }
  }

  /** The profile in force: the defaults, and the values given. */
  get profile(): Readonly<Profile> {
    return this.profiles.profile
  }

  /** How often each `factor=value` behaviour ran since the start or the last reset(). */
  get served(): Map<string, number> {
    return this.profiles.served
  }

  /** The accounts by token. */
  get accounts(): Map<string, Account> {
    return this.world.accounts
  }

  get rooms(): Map<number, Room> {
    return this.world.rooms
  }

  /** Base URL including `/v2`, e.g. `http://127.0.0.1:41234/v2`. */
  get url(): string {
    if (!this.server) throw new Error('emulator not started')
    const { port } = this.server.address() as AddressInfo
    return `http://127.0.0.1:${port}/v2`
  }

  async start(port = 0): Promise<this> {
    const server = http.createServer((req, res) => void this.handle(req, res))
    server.on('connection', socket => {
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
    })
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => resolve())
    })
    this.server = server
    return this
  }

  async stop(): Promise<void> {
    const server = this.server
    if (!server) return
    this.server = undefined
    for (const socket of this.sockets) socket.destroy()
    await new Promise<void>(resolve => server.close(() => resolve()))
  }

  /**
   * As if just started: the fixtures' rooms and tokens, nothing posted, no request recorded, no
   * fault, no cursor or read mark, fresh rate-limit windows, nothing served. The options stay;
   * ids keep counting.
   */
  reset(): void {
    this.recorded.length = 0
    this.served.clear()
    this.faults.clear()
    this.limits.reset()
    this.world.reset()
  }

  /** Every request received since the start or the last reset() or forgetRequests(), in order. */
  get requests(): readonly RecordedRequest[] {
    return this.recorded
  }

  /** Forgets the requests recorded so far; the world (rooms, messages, tasks) stays. */
  forgetRequests(): void {
    this.recorded.length = 0
  }

  addRoom(roomId: number, name: string, members: [number, MemberRole][]): Room {
    return this.world.addRoom(roomId, name, members)
  }

  /** Stores a message as if `account` had posted it (no rate limits, no request recorded). */
  post(roomId: number, account: Account, body: string, sendTime = nowSeconds()): StoredMessage {
    return this.world.post(roomId, account, body, { sendTime })
  }

  /**
   * What Chatwork's Reply button makes; the author is the replied-to message's. `options`
   * picks the line break and how the client writes the name (`Name`, ` Name`, `Nameさん`).
   */
  reply(
    roomId: number,
    account: Account,
    toMessageId: string,
    text: string,
    options: ButtonOptions = {}
  ): StoredMessage {
    const original = this.messages(roomId).find(m => m.message_id === toMessageId)
    if (!original) throw new Error(`no message ${toMessageId} in room ${roomId}`)
    return this.post(roomId, account, replyBody(roomId, original, text, options))
  }

  /** What Chatwork's To button makes: `[To:{id}]{name}`, a line break, then the text. */
  mention(
    roomId: number,
    account: Account,
    to: Account,
    text: string,
    options: ButtonOptions = {}
  ): StoredMessage {
    return this.post(roomId, account, mentionBody(to, text, options))
  }

  /** What quoting makes: `[qt][qtmeta aid=… time=…]…[/qt]`, then the text. */
  quote(roomId: number, account: Account, quoted: StoredMessage, text: string): StoredMessage {
    return this.post(roomId, account, quoteBody(quoted, text))
  }

  messages(roomId: number): StoredMessage[] {
    return this.rooms.get(roomId)?.messages ?? []
  }

  tasks(roomId: number) {
    return this.rooms.get(roomId)?.tasks ?? []
  }

  /**
   * Stores tasks as if `by` had added them (no rate limits, no request recorded): one task per
   * assignee, announced in the room as Chatwork shows a new task.
   */
  addTask(
    roomId: number,
    by: Account,
    assignees: number[],
    body: string,
    deadline: { type: LimitType; time: number } = { type: 'none', time: 0 }
  ) {
    return this.world.addTask(roomId, by, assignees, body, deadline)
  }

  /** Requests whose method and path (after /v2) match. */
  requestsTo(method: string, pathPrefix = ''): RecordedRequest[] {
    return this.requests.filter(r => r.method === method && r.path.startsWith(pathPrefix))
  }

  inject(rule: FaultRule): void {
    this.faults.inject(rule)
  }

  clearFaults(): void {
    this.faults.clear()
  }

  /** The accounts a body notifies, as Chatwork's notation would: [To:id], [rp aid=id], [toall]. */
  static mentions(body: string): { to: number[]; toAll: boolean } {
    return mentions(body)
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const startMs = hrtimeMs()
    const newConnection = !this.used.has(req.socket)
    this.used.add(req.socket)
    const body = await readAll(req)
    const url = new URL(req.url ?? '/', 'http://emulator')
    const method = req.method ?? 'GET'
    // Chatwork serves its API under /v2 only: anything else is 404, as there.
    const versioned = url.pathname.startsWith('/v2/')
    const path = versioned ? url.pathname.slice('/v2'.length) : url.pathname
    const record: RecordedRequest = {
      method,
      path,
      query: url.searchParams,
      headers: req.headers,
      body,
      status: 0,
      newConnection,
      startMs
    }
    this.recorded.push(record)
    res.once('close', () => (record.endMs = hrtimeMs()))
    if (this.latencyMs > 0) await sleep(this.latencyMs * (newConnection ? 2 : 1))
    const exchange = { req, res, record }
    const fault = this.faults.take(method, path)
    if (await faultBefore(fault, exchange)) return
    const reply = versioned
      ? await answer(method, path, record, this.services)
      : errors(404, ['Resource not found'])
    record.status = reply.status
    if (await faultAfter(fault, exchange, reply)) return
    res.writeHead(reply.status, reply.headers)
    res.end(reply.body)
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms))
}
