/**
 * The emulator's HTTP server and life cycle: start, stop, reset, and one request from arrival
 * to answer (record, fault, token, limits, route). What tests store and read directly (rooms,
 * messages, tasks, roles) is state.ts, which this extends.
 */
import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { faultAfter, faultBefore, Faults, type FaultRule } from './faults.js'
import { Limits, type LimitOptions } from './limits.js'
import { mentions } from './notation.js'
import { Profiles, type Profile } from './profile.js'
import { answer, type Services } from './answer.js'
import { EmulatorState } from './state.js'
import type { RecordedRequest } from './types.js'
import { errors, readAll } from './wire.js'

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

export class ChatworkEmulator extends EmulatorState {
  private readonly recorded: RecordedRequest[] = []
  private readonly profiles: Profiles
  private readonly faults = new Faults()
  private readonly limits: Limits
  private readonly latencyMs: number
  private server: http.Server | undefined
  private readonly sockets = new Set<Socket>()
  /** Sockets that have carried a request already. */
  private readonly used = new WeakSet<Socket>()

  constructor(options: EmulatorOptions = {}) {
    const profiles = new Profiles(options.profile)
    super(profiles)
    this.profiles = profiles
    this.limits = new Limits(options)
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
