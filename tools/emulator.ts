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
 *   after the request is processed, a delayed response; after processing, other headers or a
 *   corrupt 200 body.
 *
 * Every request is recorded (method, path, headers, raw body) so tests can count and inspect them.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'

interface Account {
  account_id: number
  name: string
  avatar_image_url: string
}

type Role = 'admin' | 'member' | 'readonly'

interface StoredMessage {
  message_id: string
  account: Account
  body: string
  send_time: number
  update_time: number
}

interface StoredFile {
  file_id: number
  account: Account
  message_id: string
  filename: string
  filesize: number
  upload_time: number
  /** The uploaded bytes and the part's content type, for tests. */
  content: Buffer
  contentType: string
}

type LimitType = 'none' | 'date' | 'time'

interface StoredTask {
  /** Past Number.MAX_SAFE_INTEGER: written to JSON as a bare integer (see jsonText). */
  task_id: bigint
  account: Account
  assigned_by_account: Account
  message_id: string
  body: string
  limit_time: number
  status: 'open' | 'done'
  limit_type: LimitType
}

interface Room {
  room_id: number
  name: string
  members: Map<number, Role>
  messages: StoredMessage[]
  files: StoredFile[]
  tasks: StoredTask[]
}

interface RecordedRequest {
  method: string
  path: string
  query: URLSearchParams
  headers: http.IncomingHttpHeaders
  body: Buffer
  status: number
}

export interface Window {
  /** requests allowed per window */
  limit: number
  /** window length in milliseconds */
  windowMs: number
}

type Fault =
  | { kind: 'status'; status: number; body?: string; contentType?: string }
  | { kind: 'html'; status: number }
  | { kind: 'drop-before' }
  | { kind: 'drop-after' }
  | { kind: 'delay'; ms: number }
  /** Processes the request, then answers with these headers over its own. */
  | { kind: 'headers-after'; headers: Record<string, string> }
  /** Processes the request, then answers 200 with this body instead of its own. */
  | { kind: 'corrupt-after'; body: string; contentType?: string }

interface FaultRule {
  fault: Fault
  /** how many matching requests it applies to */
  times: number
  method?: string
  /** matches when the request path (after /v2) starts with it */
  pathPrefix?: string
}

export interface EmulatorOptions {
  /** per-token general limit; Chatwork: 300 per 5 minutes */
  tokenLimit?: Window
  /** per-room posting limit for POST messages and tasks; Chatwork: 10 per 10 seconds */
  roomPostLimit?: Window
  /**
   * Send `Retry-After` (whole seconds until a slot frees) with a room-limit 429. Chatwork does
   * not document one; tests use it to run the 25-way burst on short windows.
   */
  retryAfter?: boolean
}

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

const MAX_BODY = 65535
const MAX_FILE = 5 * 1024 * 1024
const FIRST_MESSAGE_ID = 1928374655918273645n
/** 2^53 + 1: the first integer a JavaScript Number cannot hold. */
const FIRST_TASK_ID = 9007199254740993n
const LIMIT_TYPES: readonly string[] = ['none', 'date', 'time']

export class ChatworkEmulator {
  readonly requests: RecordedRequest[] = []
  readonly accounts = new Map<string, Account>()
  readonly rooms = new Map<number, Room>()
  private readonly faults: FaultRule[] = []
  private readonly cursors = new Map<string, number>()
  private readonly tokenWindows = new Map<string, { start: number; used: number }>()
  private readonly roomPosts = new Map<number, number[]>()
  private nextId = FIRST_MESSAGE_ID
  private nextFileId = 40001
  private nextTaskId = FIRST_TASK_ID
  private server: http.Server | undefined
  private readonly sockets = new Set<import('node:net').Socket>()
  tokenLimit: Window
  roomPostLimit: Window
  retryAfter: boolean

  constructor(options: EmulatorOptions = {}) {
    this.tokenLimit = options.tokenLimit ?? { limit: 300, windowMs: 5 * 60_000 }
    this.roomPostLimit = options.roomPostLimit ?? { limit: 10, windowMs: 10_000 }
    this.retryAfter = options.retryAfter ?? false
    this.accounts.set(DEFAULT_TOKEN, BOT)
    this.accounts.set(OTHER_TOKEN, ALICE)
    this.addRoom(ROOM, 'Releases', [
      [BOT.account_id, 'admin'],
      [ALICE.account_id, 'member'],
      [BOB.account_id, 'member'],
      [CAROL.account_id, 'admin']
    ])
    this.addRoom(OPS_ROOM, 'Ops', [
      [BOT.account_id, 'member'],
      [BOB.account_id, 'admin']
    ])
    this.addRoom(READONLY_ROOM, 'Announcements', [
      [BOT.account_id, 'readonly'],
      [ALICE.account_id, 'admin']
    ])
    this.addRoom(FOREIGN_ROOM, 'Secret project', [[ALICE.account_id, 'admin']])
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

  addRoom(roomId: number, name: string, members: [number, Role][]): Room {
    const room: Room = {
      room_id: roomId,
      name,
      members: new Map(members),
      messages: [],
      files: [],
      tasks: []
    }
    this.rooms.set(roomId, room)
    return room
  }

  /** Stores a message as if `account` had posted it (no rate limits, no request recorded). */
  post(roomId: number, account: Account, body: string, sendTime = nowSeconds()): StoredMessage {
    const room = this.rooms.get(roomId)
    if (!room) throw new Error(`no room ${roomId}`)
    const message: StoredMessage = {
      message_id: (this.nextId++).toString(),
      account: { ...account },
      body,
      send_time: sendTime,
      update_time: 0
    }
    // Real ids are not consecutive; leave gaps so clients cannot rely on +1.
    this.nextId += 1_000_000_000n + BigInt(Math.floor(Math.random() * 1000))
    room.messages.push(message)
    return message
  }

  /**
   * What Chatwork's Reply button makes: `[rp aid={author} to={room}-{message}]{author name}`, a
   * line break, then the text. The author is the replied-to message's.
   */
  reply(
    roomId: number,
    account: Account,
    toMessageId: string,
    text: string,
    newline = '\n'
  ): StoredMessage {
    const original = this.messages(roomId).find(m => m.message_id === toMessageId)
    if (!original) throw new Error(`no message ${toMessageId} in room ${roomId}`)
    const header = `[rp aid=${original.account.account_id} to=${roomId}-${toMessageId}]${original.account.name}`
    return this.post(roomId, account, `${header}${newline}${text}`)
  }

  /** What Chatwork's To button makes: `[To:{id}]{name}`, a line break, then the text. */
  mention(roomId: number, account: Account, to: Account, text: string): StoredMessage {
    return this.post(roomId, account, `[To:${to.account_id}]${to.name}\n${text}`)
  }

  /** What quoting makes: `[qt][qtmeta aid=… time=…]…[/qt]`, then the text. */
  quote(roomId: number, account: Account, quoted: StoredMessage, text: string): StoredMessage {
    const block = `[qt][qtmeta aid=${quoted.account.account_id} time=${quoted.send_time}]${quoted.body}[/qt]`
    return this.post(roomId, account, `${block}\n${text}`)
  }

  messages(roomId: number): StoredMessage[] {
    return this.rooms.get(roomId)?.messages ?? []
  }

  tasks(roomId: number): StoredTask[] {
    return this.rooms.get(roomId)?.tasks ?? []
  }

  /**
   * Stores tasks as if `by` had added them (no rate limits, no request recorded): one task per
   * assignee, all announced by one message in the room, as Chatwork shows a new task.
   */
  addTask(
    roomId: number,
    by: Account,
    assignees: number[],
    body: string,
    limit: { type: LimitType; time: number } = { type: 'none', time: 0 }
  ): StoredTask[] {
    const room = this.rooms.get(roomId)
    if (!room) throw new Error(`no room ${roomId}`)
    const marks = assignees
      .map(aid => `[task aid=${aid} st=open lt=${limit.time}]${body}[/task]`)
      .join('')
    const message = this.post(roomId, by, `[info][title][dtext:task_added][/title]${marks}[/info]`)
    const created = assignees.map(aid => {
      const task: StoredTask = {
        task_id: this.nextTaskId,
        account: { ...accountOf(aid) },
        assigned_by_account: { ...by },
        message_id: message.message_id,
        body,
        limit_time: limit.time,
        status: 'open',
        limit_type: limit.type
      }
      // Not consecutive either.
      this.nextTaskId += 7n + BigInt(Math.floor(Math.random() * 100))
      return task
    })
    room.tasks.push(...created)
    return created
  }

  /** Requests whose method and path (after /v2) match. */
  requestsTo(method: string, pathPrefix = ''): RecordedRequest[] {
    return this.requests.filter(r => r.method === method && r.path.startsWith(pathPrefix))
  }

  inject(rule: FaultRule): void {
    this.faults.push({ ...rule })
  }

  clearFaults(): void {
    this.faults.length = 0
  }

  /** The accounts a body notifies, as Chatwork's notation would: [To:id], [rp aid=id], [toall]. */
  static mentions(body: string): { to: number[]; toAll: boolean } {
    const outsideQuotes = body.replace(/\[qt\][\s\S]*?\[\/qt\]/g, '')
    const to = [...outsideQuotes.matchAll(/\[(?:To:|rp aid=)(\d+)/g)].map(m => Number(m[1]))
    return { to, toAll: /\[toall\]/i.test(outsideQuotes) }
  }

  private takeFault(method: string, path: string): Fault | undefined {
    const rule = this.faults.find(
      f =>
        f.times > 0 &&
        (!f.method || f.method === method) &&
        (!f.pathPrefix || path.startsWith(f.pathPrefix))
    )
    if (!rule) return undefined
    rule.times -= 1
    return rule.fault
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
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
      status: 0
    }
    this.requests.push(record)

    const fault = this.takeFault(method, path)
    if (fault?.kind === 'delay') await sleep(fault.ms)
    if (fault?.kind === 'drop-before') {
      record.status = -1
      req.socket.destroy()
      return
    }
    if (fault?.kind === 'status') {
      record.status = fault.status
      res.writeHead(fault.status, { 'content-type': fault.contentType ?? 'application/json' })
      res.end(fault.body ?? JSON.stringify({ errors: ['Internal server error'] }))
      return
    }
    if (fault?.kind === 'html') {
      record.status = fault.status
      res.writeHead(fault.status, { 'content-type': 'text/html' })
      res.end(
        `<html><head><title>${fault.status} Bad Gateway</title></head><body><center><h1>${fault.status} Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n`
      )
      return
    }

    const reply = versioned
      ? await this.route(method, path, url.searchParams, req.headers, body)
      : errors(404, ['Resource not found'])
    record.status = reply.status
    if (fault?.kind === 'drop-after') {
      record.status = -2
      req.socket.destroy()
      return
    }
    if (fault?.kind === 'headers-after') {
      res.writeHead(reply.status, { ...reply.headers, ...fault.headers })
      res.end(reply.body)
      return
    }
    if (fault?.kind === 'corrupt-after') {
      record.status = 200
      res.writeHead(200, {
        ...reply.headers,
        'content-type': fault.contentType ?? 'application/json'
      })
      res.end(fault.body)
      return
    }
    res.writeHead(reply.status, reply.headers)
    res.end(reply.body)
  }

  private async route(
    method: string,
    path: string,
    query: URLSearchParams,
    headers: http.IncomingHttpHeaders,
    raw: Buffer
  ): Promise<Reply> {
    const token = headerValue(headers['x-chatworktoken'])
    const account = token === undefined ? undefined : this.accounts.get(token)
    if (!account || token === undefined) return errors(401, ['Invalid API token'])

    const limitHeaders = this.countRequest(token)
    const withLimits = (reply: Reply): Reply => ({
      ...reply,
      headers: { ...limitHeaders.headers, ...reply.headers }
    })
    if (limitHeaders.exceeded) return withLimits(errors(429, ['Rate limit exceeded.']))

    const form = isForm(headers) ? new URLSearchParams(raw.toString('utf8')) : new URLSearchParams()
    const multipart = await readMultipart(headers, raw)
    return withLimits(this.dispatch(method, path, query, form, multipart, token, account))
  }

  private dispatch(
    method: string,
    path: string,
    query: URLSearchParams,
    form: URLSearchParams,
    multipart: Multipart | undefined,
    token: string,
    account: Account
  ): Reply {
    if (method === 'GET' && path === '/me') {
      return json(200, {
        account_id: account.account_id,
        room_id: 1,
        name: account.name,
        chatwork_id: '',
        organization_id: 0,
        organization_name: '',
        department: '',
        title: '',
        url: '',
        introduction: '',
        mail: '',
        tel_organization: '',
        tel_extension: '',
        tel_mobile: '',
        skype: '',
        facebook: '',
        twitter: '',
        avatar_image_url: account.avatar_image_url,
        login_mail: ''
      })
    }
    const match = /^\/rooms\/(\d+)(\/.*)?$/.exec(path)
    if (!match) return errors(404, ['Resource not found'])
    const room = this.rooms.get(Number(match[1]))
    const role = room?.members.get(account.account_id)
    if (!room || !role) return errors(404, ['Resource not found'])
    const rest = match[2] ?? ''

    if (rest === '/messages' && method === 'GET') return this.list(room, query, token)
    if (rest === '/messages' && method === 'POST') return this.create(room, role, form, account)
    if (rest === '/members' && method === 'GET') {
      return json(
        200,
        [...room.members].map(([id, r]) => ({
          account_id: id,
          role: r,
          name: accountOf(id).name
        }))
      )
    }
    if (rest === '/files' && method === 'POST') return this.upload(room, role, multipart, account)
    if (rest === '/files' && method === 'GET') {
      const by = query.get('account_id')
      const files = room.files
        .filter(f => !by || String(f.account.account_id) === by)
        .map(({ content: _c, contentType: _t, ...listed }) => listed)
      return files.length === 0
        ? { status: 204, headers: {}, body: '' }
        : json(200, files.slice(-100))
    }
    if (rest === '/tasks' && method === 'POST') return this.createTask(room, role, form, account)
    if (rest === '/tasks' && method === 'GET') return this.listTasks(room, query)
    const one = /^\/messages\/(\d+)$/.exec(rest)
    if (one) return this.one(room, role, one[1] ?? '', method, form, account)
    return errors(404, ['Resource not found'])
  }

  private list(room: Room, query: URLSearchParams, token: string): Reply {
    const force = query.get('force') === '1'
    const key = `${token}\u0000${room.room_id}`
    const seen = this.cursors.get(key) ?? 0
    const all = room.messages
    this.cursors.set(key, all.length)
    const fresh = force ? all : all.slice(seen)
    if (fresh.length === 0) return { status: 204, headers: {}, body: '' }
    return json(200, fresh.slice(-100))
  }

  private create(room: Room, role: Role, form: URLSearchParams, account: Account): Reply {
    const invalid = validateBody(form.get('body'))
    if (invalid) return invalid
    if (role === 'readonly') return errors(403, ["You don't have permission to send messages"])
    const wait = this.takePostSlot(room.room_id)
    if (wait > 0) return this.postLimitReply(wait)
    const message = this.post(room.room_id, account, form.get('body') ?? '')
    return json(200, { message_id: message.message_id })
  }

  private createTask(room: Room, role: Role, form: URLSearchParams, account: Account): Reply {
    const invalid = validateBody(form.get('body'))
    if (invalid) return invalid
    const toIds = (form.get('to_ids') ?? '').split(',').filter(id => id !== '')
    if (toIds.length === 0 || !toIds.every(id => /^\d+$/.test(id))) {
      return errors(400, ["Parameter 'to_ids' must be account ids separated by commas"])
    }
    const assignees = [...new Set(toIds.map(Number))]
    if (!assignees.every(id => room.members.has(id))) {
      return errors(400, ['Assignees must be members of the room'])
    }
    const type = form.get('limit_type') ?? (form.get('limit') ? 'time' : 'none')
    if (!LIMIT_TYPES.includes(type)) {
      return errors(400, ["Parameter 'limit_type' must be one of none, date, time"])
    }
    const limit = form.get('limit') ?? ''
    if (type !== 'none' && !/^\d+$/.test(limit)) {
      return errors(400, ["Parameter 'limit' must be a Unix time"])
    }
    if (role === 'readonly') return errors(403, ["You don't have permission to add tasks"])
    const wait = this.takePostSlot(room.room_id)
    if (wait > 0) return this.postLimitReply(wait)
    const body = form.get('body') ?? ''
    const time = type === 'none' ? 0 : Number(limit)
    const tasks = this.addTask(room.room_id, account, assignees, body, {
      type: type as LimitType,
      time
    })
    return jsonText(200, { task_ids: tasks.map(t => t.task_id) })
  }

  private listTasks(room: Room, query: URLSearchParams): Reply {
    const status = query.get('status') ?? 'open'
    const to = query.get('account_id')
    const by = query.get('assigned_by_account_id')
    const tasks = room.tasks.filter(
      t =>
        t.status === status &&
        (!to || String(t.account.account_id) === to) &&
        (!by || String(t.assigned_by_account.account_id) === by)
    )
    return tasks.length === 0
      ? { status: 204, headers: {}, body: '' }
      : jsonText(200, tasks.slice(-100))
  }

  private postLimitReply(wait: number): Reply {
    const reply = errors(429, ['Rate limit for message posting per room exceeded.'])
    if (this.retryAfter) reply.headers['retry-after'] = String(Math.ceil(wait / 1000))
    return reply
  }

  private upload(
    room: Room,
    role: Role,
    multipart: Multipart | undefined,
    account: Account
  ): Reply {
    const file = multipart?.file
    if (!file) return errors(400, ["Parameter 'file' is required"])
    if (role === 'readonly') return errors(403, ["You don't have permission to upload files"])
    if (file.bytes.length > MAX_FILE) return errors(400, ['File size exceeds the limit of 5MB'])
    const message = multipart.fields.get('message')
    const fileId = this.nextFileId++
    const notice = `[info][title][dtext:file_uploaded][/title][download:${fileId}]${file.name}[/download][/info]`
    const stored = this.post(room.room_id, account, message ? `${message}\n${notice}` : notice)
    room.files.push({
      file_id: fileId,
      account: { ...account },
      message_id: stored.message_id,
      filename: file.name,
      filesize: file.bytes.length,
      upload_time: stored.send_time,
      content: file.bytes,
      contentType: file.type
    })
    return json(200, { file_id: fileId })
  }

  private one(
    room: Room,
    role: Role,
    id: string,
    method: string,
    form: URLSearchParams,
    account: Account
  ): Reply {
    const message = room.messages.find(m => m.message_id === id)
    if (!message) return errors(404, ['Message not found'])
    if (method === 'GET') return json(200, message)
    const own = message.account.account_id === account.account_id
    if (method === 'PUT') {
      const invalid = validateBody(form.get('body'))
      if (invalid) return invalid
      if (!own || role === 'readonly') return errors(403, ["You can't edit this message"])
      message.body = form.get('body') ?? ''
      message.update_time = nowSeconds()
      return json(200, { message_id: id })
    }
    if (method === 'DELETE') {
      if (!own || role === 'readonly') return errors(403, ["You can't delete this message"])
      room.messages.splice(room.messages.indexOf(message), 1)
      return json(200, { message_id: id })
    }
    return errors(404, ['Resource not found'])
  }

  private countRequest(token: string): { headers: Record<string, string>; exceeded: boolean } {
    const now = Date.now()
    let window = this.tokenWindows.get(token)
    if (!window || now >= window.start + this.tokenLimit.windowMs) {
      window = { start: now, used: 0 }
      this.tokenWindows.set(token, window)
    }
    window.used += 1
    const exceeded = window.used > this.tokenLimit.limit
    return {
      exceeded,
      headers: {
        'x-ratelimit-limit': String(this.tokenLimit.limit),
        'x-ratelimit-remaining': String(Math.max(0, this.tokenLimit.limit - window.used)),
        'x-ratelimit-reset': String(Math.ceil((window.start + this.tokenLimit.windowMs) / 1000))
      }
    }
  }

  /**
   * Sliding window: at most `limit` accepted posts in any `windowMs`. Takes a slot and returns 0,
   * or returns how many milliseconds until the oldest slot frees.
   */
  private takePostSlot(roomId: number): number {
    const now = Date.now()
    const { windowMs, limit } = this.roomPostLimit
    const recent = (this.roomPosts.get(roomId) ?? []).filter(t => t > now - windowMs)
    this.roomPosts.set(roomId, recent)
    if (recent.length < limit) {
      recent.push(now)
      return 0
    }
    return (recent[0] ?? now) + windowMs - now
  }
}

interface Reply {
  status: number
  headers: Record<string, string>
  body: string
}

function json(status: number, value: unknown): Reply {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(value)
  }
}

/**
 * JSON in which BigInt values are written as bare integers, all their digits kept: how
 * Chatwork writes a task id (an integer in its spec) that has outgrown 2^53.
 */
function jsonText(status: number, value: unknown): Reply {
  const marked = JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'bigint' ? `\u0000${v.toString()}\u0000` : v
  )
  return { ...json(status, null), body: marked.replace(/"\\u0000(\d+)\\u0000"/g, '$1') }
}

function accountOf(accountId: number): Account {
  return (
    KNOWN_ACCOUNTS.find(a => a.account_id === accountId) ?? {
      account_id: accountId,
      name: `User ${accountId}`,
      avatar_image_url: ''
    }
  )
}

function errors(status: number, messages: string[]): Reply {
  return json(status, { errors: messages })
}

function validateBody(body: string | null): Reply | undefined {
  if (body === null || body === '') return errors(400, ["Parameter 'body' is required"])
  if (body.length > MAX_BODY) {
    return errors(400, [`Parameter 'body' must be at most ${MAX_BODY} characters`])
  }
  return undefined
}

function isForm(headers: http.IncomingHttpHeaders): boolean {
  return (headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')
}

interface Multipart {
  fields: Map<string, string>
  file?: { name: string; type: string; bytes: Buffer }
}

/** A multipart/form-data body, parsed by Node's own Request, like any server would. */
async function readMultipart(
  headers: http.IncomingHttpHeaders,
  raw: Buffer
): Promise<Multipart | undefined> {
  const type = headers['content-type'] ?? ''
  if (!type.startsWith('multipart/form-data')) return undefined
  let form: FormData
  try {
    form = await new Request('http://emulator/', {
      method: 'POST',
      headers: { 'content-type': type },
      body: raw
    }).formData()
  } catch {
    return undefined
  }
  const result: Multipart = { fields: new Map() }
  for (const [name, value] of form) {
    if (typeof value === 'string') result.fields.set(name, value)
    else if (name === 'file') {
      result.file = {
        name: value.name,
        type: value.type,
        bytes: Buffer.from(await value.arrayBuffer())
      }
    }
  }
  return result
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

function readAll(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000)
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms))
}

/** The greeting that `npm run demo`, `npm run emulator` and the CI job find in ROOM. */
const GREETING = 'Good morning! Is the release going out today?'

/** Alice's greeting in ROOM, so that fetch and match have something to find. */
export function seedDemoRoom(emulator: ChatworkEmulator): void {
  emulator.post(ROOM, ALICE, GREETING)
}
