/**
 * The Chatwork API client: one method per endpoint the action uses. How each kind of request
 * reads its answer is request-kinds.ts's; sending, retries and rate limits are the engine's
 * (retry.ts); finding out whether an ambiguous request took effect is reconcile.ts's; what the
 * answers look like is answers.ts's.
 */
import { realClock, type Clock } from '../clock.js'
import { MAX_LISTED } from '../constants.js'
import { Transport, type ApiRequest, type ApiResponse, type FilePart } from './http.js'
import { findOwnPost, findOwnUpload, isGone, type Lookups } from './reconcile.js'
import { findOwnTasks } from './reconcile-tasks.js'
import { sendingBody } from './body-bytes.js'
import { requests, type TaskFilter, type TaskDeadline } from './requests.js'
import { taskReaders, type ChatworkTask } from './tasks.js'
import { RequestKinds, type Listed } from './request-kinds.js'
import { RetryEngine } from './retry.js'
import { DEFAULT_RETRY_POLICY, NON_IDEMPOTENT_POLICY, type RetryPolicy } from './retry-policy.js'
import {
  readFileId,
  readFiles,
  readMe,
  readMembers,
  readMessageAnswer,
  readMessageIdAnswer,
  readMessages,
  type ChatworkFile,
  type ChatworkMessage,
  type Me,
  type Member
} from './answers.js'

export interface ClientOptions {
  baseUrl: string
  token: string
  timeoutMs: number
  /** Where the client says what it waits for; runner.info in the action. */
  log: (message: string) => void
  /** Where the client warns (once) that Chatwork hides older messages; runner.warning. */
  warn?: (message: string) => void
  /** Where each exchange is described; runner.debug in the action (shown with RUNNER_DEBUG). */
  debug?: (message: string) => void
  /** The `proxy` input; undefined: HTTPS_PROXY/HTTP_PROXY/NO_PROXY decide. */
  proxy?: URL
  /** The retry policy: DEFAULT_RETRY_POLICY with the step's `retries`, or a test's. */
  policy?: Partial<RetryPolicy>
  clock?: Clock
  random?: () => number
}

export class ChatworkClient implements Lookups {
  private readonly transport: Transport
  private readonly engine: RetryEngine
  private readonly kinds: RequestKinds
  private me: Promise<Me> | undefined

  constructor(options: ClientOptions) {
    this.transport = new Transport(options.baseUrl, options.token, options.timeoutMs, options.proxy)
    this.engine = new RetryEngine(this.transport, {
      policy: { ...DEFAULT_RETRY_POLICY, ...options.policy },
      clock: options.clock ?? realClock,
      random: options.random ?? Math.random,
      log: options.log,
      warn: options.warn ?? options.log,
      debug: options.debug ?? (() => {})
    })
    this.kinds = new RequestKinds(this.engine, this.transport, options.log)
  }

  /** Chatwork said (`chatwork-message-limitation`) that it hides older messages. */
  get messagesLimited(): boolean {
    return this.engine.limitation.seen
  }

  /** The request as a person reads it, for `dry-run` and logs; never the token. */
  format(request: ApiRequest): string {
    return this.transport.format(request)
  }

  /** GET /me: the token's own account (cached). */
  getMe(): Promise<Me> {
    this.me ??= this.kinds.read(requests.me(), readMe)
    return this.me
  }

  /** GET /rooms/{room}/messages: `force` true returns the latest 100, false only new ones. */
  listMessages(roomId: string, options: { force: boolean }): Promise<Listed<ChatworkMessage>> {
    return this.kinds.list(requests.listMessages(roomId, options), readMessages)
  }

  /** GET /rooms/{room}/messages/{id}: one message; 404 when it does not exist. */
  getMessage(roomId: string, messageId: string): Promise<ChatworkMessage> {
    return this.kinds.read(requests.getMessage(roomId, messageId), readMessageAnswer)
  }

  /** GET /rooms/{room}/members */
  async listMembers(roomId: string): Promise<Member[]> {
    return (await this.kinds.list(requests.members(roomId), readMembers)).items
  }

  /** GET /rooms/{room}/files?account_id=…: the files an account uploaded. */
  async listFiles(roomId: string, accountId: number): Promise<ChatworkFile[]> {
    return (await this.kinds.list(requests.listFiles(roomId, accountId), readFiles)).items
  }

  /**
   * POST /rooms/{room}/messages; returns the new message's id. Exactly once: after an
   * ambiguous failure the room is searched for the same body from the token's own account,
   * posted since `since` (Unix ms), before posting again.
   */
  postMessage(
    roomId: string,
    body: string,
    { selfUnread, since }: { selfUnread: boolean; since: number }
  ): Promise<string | undefined> {
    return sendingBody(body, () =>
      this.kinds.create(
        requests.postMessage(roomId, body, { selfUnread }),
        readMessageIdAnswer,
        () => findOwnPost(this, roomId, body, since)
      )
    )
  }

  /** PUT /rooms/{room}/messages/{id}: the same body twice does no harm, so plain retries. */
  updateMessage(roomId: string, messageId: string, body: string): Promise<string> {
    return sendingBody(body, () =>
      this.kinds.change(requests.updateMessage(roomId, messageId, body), readMessageIdAnswer)
    )
  }

  /** DELETE /rooms/{room}/messages/{id}; after an ambiguous failure, gone counts as deleted. */
  deleteMessage(roomId: string, messageId: string): Promise<string> {
    return this.kinds.change(requests.deleteMessage(roomId, messageId), readMessageIdAnswer, () =>
      isGone(this, roomId, messageId)
    )
  }

  /**
   * POST /rooms/{room}/files (multipart); returns the file id. Exactly once like postMessage:
   * after an ambiguous failure the room's files from the token's account are searched for the
   * same name and size, uploaded since `since`.
   */
  uploadFile(
    roomId: string,
    file: FilePart,
    message: string,
    since: number
  ): Promise<string | undefined> {
    return this.kinds.create(requests.uploadFile(roomId, file, message), readFileId, () =>
      findOwnUpload(this, roomId, file, since)
    )
  }

  /**
   * POST /rooms/{room}/tasks: one task per assignee; returns their ids, every digit kept.
   * Exactly once like postMessage: after an ambiguous failure the room's open tasks given by
   * the token's account are searched for the same body, assignees and deadline, announced by a
   * message posted since `since`.
   */
  async createTask(
    roomId: string,
    body: string,
    toIds: string[],
    deadline: TaskDeadline,
    since: number
  ): Promise<string[] | undefined> {
    const { readTaskIds } = await taskReaders()
    return sendingBody(body, () =>
      this.kinds.create(requests.createTask(roomId, body, toIds, deadline), readTaskIds, () =>
        findOwnTasks(this, roomId, { body, toIds, deadline }, since)
      )
    )
  }

  /** GET /rooms/{room}/tasks: the open tasks `assignedBy` gave (at most 100). */
  async listTasks(roomId: string, assignedBy: number): Promise<ChatworkTask[]> {
    const { readTasks } = await taskReaders()
    return (await this.kinds.list(requests.listTasks(roomId, assignedBy), readTasks)).items
  }

  /** GET /rooms/{room}/tasks?status=open: at most 100; `full` when the list may hold more. */
  async listOpenTasks(
    roomId: string,
    filter: TaskFilter
  ): Promise<{ items: ChatworkTask[]; full: boolean }> {
    const { readTasks } = await taskReaders()
    const { items } = await this.kinds.list(requests.openTasks(roomId, filter), readTasks)
    return { items, full: items.length >= MAX_LISTED }
  }

  /** GET /rooms/{room}/tasks/{id}: `open` or `done`. */
  async getTaskStatus(roomId: string, taskId: string): Promise<string> {
    const { readTaskStatus } = await taskReaders()
    return this.kinds.read(requests.getTask(roomId, taskId), readTaskStatus)
  }

  /**
   * PUT /rooms/{room}/tasks/{id}/status `body=done`. Idempotent, so a lost answer is simply
   * asked again; a 2xx means done whatever its body says (nothing here reads it).
   */
  async markTaskDone(roomId: string, taskId: string): Promise<void> {
    await this.engine.send(requests.setTaskStatus(roomId, taskId, 'done'))
  }

  /**
   * Any endpoint (`mode: api`), answered with a 2xx; a non-2xx is a ChatworkHttpError with the
   * body. A GET is retried as the reads are; any other method, which the action cannot look up,
   * is sent again only when it provably never reached Chatwork, or a 429 refused it.
   */
  async call(request: ApiRequest): Promise<ApiResponse> {
    const policy = request.method === 'GET' ? undefined : NON_IDEMPOTENT_POLICY
    const sent = await this.engine.send<never>(request, undefined, policy)
    if (sent.kind === 'found') return sent.value
    return sent.response
  }
}
