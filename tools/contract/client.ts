/**
 * The probes' only door to Chatwork: plain `fetch` with the token in `X-ChatWorkToken`, a
 * ledger of what was posted and created so that cleanup can undo it, and patience with the
 * per-room posting limit. It knows nothing of the emulator: a probe sees only HTTP.
 */
import { parse } from 'lossless-json'

/** Why the suite cannot run at all: an unreachable server, a refused token, a missing room. */
export class ContractError extends Error {}

interface Answer {
  status: number
  headers: Headers
  text: string
  /** The JSON body with every number kept as its digits (task ids pass 2^53). */
  json(): unknown
}

/** What the probes left behind, for cleanup. */
export interface Ledger {
  messages: Set<string>
  deleted: Set<string>
  tasks: Set<string>
  /** The messages announcing the probes' tasks, as the task list points at them. */
  notices: Set<string>
}

/** A 429 on a post is the room's posting limit: wait this long when no Retry-After says. */
const POST_LIMIT_WAIT_MS = 10_500
const POST_RETRIES = 3
/** A request that takes longer than this is a server that does not answer. */
const REQUEST_TIMEOUT_MS = 30_000

export class ContractClient {
  constructor(
    readonly base: string,
    private readonly token: string,
    readonly room: string,
    readonly ledger: Ledger,
    /** Where the token came from, to name it in errors. */
    private readonly tokenName: string
  ) {}

  async request(method: string, path: string, form?: Record<string, string>): Promise<Answer> {
    for (let attempt = 0; ; attempt++) {
      const answer = await this.once(method, path, form)
      if (answer.status !== 429 || method !== 'POST' || attempt >= POST_RETRIES) return answer
      if (/ratelimit/i.test(answer.text) && !/posting/i.test(answer.text)) return answer
      const after = Number(answer.headers.get('retry-after'))
      await sleep(Number.isFinite(after) && after > 0 ? after * 1000 + 100 : POST_LIMIT_WAIT_MS)
    }
  }

  private async once(method: string, path: string, form?: Record<string, string>) {
    const headers: Record<string, string> = { 'X-ChatWorkToken': this.token }
    if (form) headers['Content-Type'] = 'application/x-www-form-urlencoded'
    let response: Response
    try {
      response = await fetch(`${this.base}${path}`, {
        method,
        headers,
        body: form ? new URLSearchParams(form).toString() : undefined,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS)
      })
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name
      throw new ContractError(
        `Cannot reach ${this.base} (${cause}). Check CHATWORK_CONTRACT_API and the network.`
      )
    }
    const text = await response.text()
    if (response.status === 401) {
      throw new ContractError(
        `Chatwork refused the token in ${this.tokenName} (401). Give a valid API token (Chatwork: Service integration > API Token).`
      )
    }
    return {
      status: response.status,
      headers: response.headers,
      text,
      json: () => (text === '' ? null : parse(text, null, (digits: string) => digits))
    }
  }

  /** Posts a message, recorded for cleanup; its id, or the refusal's status. */
  async post(body: string): Promise<{ id?: string; status: number; text: string }> {
    const answer = await this.request('POST', `/rooms/${this.room}/messages`, { body })
    if (answer.status !== 200) return { status: answer.status, text: answer.text }
    const id = field(answer.json(), 'message_id')
    this.ledger.messages.add(id)
    return { id, status: 200, text: answer.text }
  }

  /** Adds tasks, recorded for cleanup: their ids, or the refusal's status. */
  async addTask(form: Record<string, string>): Promise<{ ids: string[]; status: number }> {
    const answer = await this.request('POST', `/rooms/${this.room}/tasks`, form)
    if (answer.status !== 200) return { ids: [], status: answer.status }
    const ids = (answer.json() as { task_ids?: unknown[] }).task_ids?.map(String) ?? []
    for (const id of ids) this.ledger.tasks.add(id)
    return { ids, status: 200 }
  }

  /**
   * The probes' open tasks, with the notice each points at recorded: read while they are open,
   * before the done list's cap of 100 can hide them.
   */
  async openTasks(by: string): Promise<ListedTask[]> {
    const open = (await this.tasks(by, 'open')).filter(t =>
      this.ledger.tasks.has(String(t.task_id))
    )
    for (const task of open) this.ledger.notices.add(String(task.message_id))
    return open
  }

  async setTaskStatus(taskId: string, status: 'done' | 'open'): Promise<Answer> {
    return this.request('PUT', `/rooms/${this.room}/tasks/${taskId}/status`, { body: status })
  }

  async deleteMessage(id: string): Promise<Answer> {
    const answer = await this.request('DELETE', `/rooms/${this.room}/messages/${id}`)
    if (answer.status === 200) this.ledger.deleted.add(id)
    return answer
  }

  /** One message, or undefined when the answer is not 200. */
  async message(id: string): Promise<{ status: number; body?: string }> {
    const answer = await this.request('GET', `/rooms/${this.room}/messages/${id}`)
    if (answer.status !== 200) return { status: answer.status }
    return { status: 200, body: field(answer.json(), 'body') }
  }

  /** `GET …/messages?force=…`: the list (empty for 204) and the answer. */
  async messages(force: 0 | 1): Promise<{ list: ListedMessage[]; answer: Answer }> {
    const answer = await this.request('GET', `/rooms/${this.room}/messages?force=${force}`)
    const list = answer.status === 200 ? (answer.json() as ListedMessage[]) : []
    return { list: Array.isArray(list) ? list : [], answer }
  }

  /** Tasks this room's tasks assigned by `by`, with the status asked. */
  async tasks(by: string, status: 'open' | 'done'): Promise<ListedTask[]> {
    const query = `assigned_by_account_id=${by}&status=${status}`
    const answer = await this.request('GET', `/rooms/${this.room}/tasks?${query}`)
    const list = answer.status === 200 ? answer.json() : []
    return Array.isArray(list) ? (list as ListedTask[]) : []
  }
}

interface ListedMessage {
  message_id: string
  account: { account_id: string }
  body: string
}

export interface ListedTask {
  task_id: string
  message_id: string
  body: string
  limit_time: string
  limit_type: string
  status: string
}

/** A string field of a JSON object, or '' (the server's answer is not trusted to have it). */
function field(value: unknown, name: string): string {
  const v = value && typeof value === 'object' ? (value as Record<string, unknown>)[name] : ''
  return typeof v === 'string' ? v : ''
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms))
}
