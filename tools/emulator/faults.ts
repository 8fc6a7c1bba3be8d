/**
 * Fault injection for reliability tests (a status, an HTML page, a dropped connection, a delay;
 * after processing, other headers or a corrupt 200 body). A fault is one kind from the table below; each kind
 * acts before the request is processed (`before`), or after, with the answer in hand (`after`).
 * A new kind is one member of `Fault` and one entry of `HANDLERS`: the compiler asks for both.
 */
import type http from 'node:http'
import type { RecordedRequest } from './types.js'
import type { Reply } from './wire.js'

export type Fault =
  | { kind: 'status'; status: number; body?: string; contentType?: string }
  | { kind: 'html'; status: number }
  | { kind: 'drop-before' }
  | { kind: 'drop-after' }
  | { kind: 'delay'; ms: number }
  /** Processes the request, then answers with these headers over its own. */
  | { kind: 'headers-after'; headers: Record<string, string> }
  /** Processes the request, then answers 200 with this body instead of its own. */
  | { kind: 'corrupt-after'; body: string; contentType?: string }

export interface FaultRule {
  fault: Fault
  /** how many matching requests it applies to */
  times: number
  method?: string
  /** matches when the request path (after /v2) starts with it */
  pathPrefix?: string
}

/** What a fault may touch: the exchange, and the record tests read. */
interface Exchange {
  req: http.IncomingMessage
  res: http.ServerResponse
  record: RecordedRequest
}

/** `true` when the fault has answered (or dropped) the request itself. */
type Handled = boolean | Promise<boolean>

interface Handler<F extends Fault> {
  before?(fault: F, exchange: Exchange): Handled
  after?(fault: F, exchange: Exchange, reply: Reply): Handled
}

type Handlers = { [K in Fault['kind']]: Handler<Extract<Fault, { kind: K }>> }

const HANDLERS: Handlers = {
  delay: {
    before: async fault => {
      await new Promise(resolve => setTimeout(resolve, fault.ms))
      return false
    }
  },
  'drop-before': {
    before: (_fault, { req, record }) => {
      record.status = -1
      req.socket.destroy()
      return true
    }
  },
  status: {
    before: (fault, { res, record }) => {
      record.status = fault.status
      res.writeHead(fault.status, { 'content-type': fault.contentType ?? 'application/json' })
      res.end(fault.body ?? JSON.stringify({ errors: ['Internal server error'] }))
      return true
    }
  },
  html: {
    before: (fault, { res, record }) => {
      record.status = fault.status
      res.writeHead(fault.status, { 'content-type': 'text/html' })
      res.end(
        `<html><head><title>${fault.status} Bad Gateway</title></head><body><center><h1>${fault.status} Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n`
      )
      return true
    }
  },
  'drop-after': {
    after: (_fault, { req, record }) => {
      record.status = -2
      req.socket.destroy()
      return true
    }
  },
  'headers-after': {
    after: (fault, { res }, reply) => {
      res.writeHead(reply.status, { ...reply.headers, ...fault.headers })
      res.end(reply.body)
      return true
    }
  },
  'corrupt-after': {
    after: (fault, { res, record }, reply) => {
      record.status = 200
      res.writeHead(200, {
        ...reply.headers,
        'content-type': fault.contentType ?? 'application/json'
      })
      res.end(fault.body)
      return true
    }
  }
}

/** The injected rules, taken in order: the first that matches and has uses left applies. */
export class Faults {
  private readonly rules: FaultRule[] = []

  inject(rule: FaultRule): void {
    this.rules.push({ ...rule })
  }

  clear(): void {
    this.rules.length = 0
  }

  take(method: string, path: string): Fault | undefined {
    const rule = this.rules.find(
      f =>
        f.times > 0 &&
        (!f.method || f.method === method) &&
        (!f.pathPrefix || path.startsWith(f.pathPrefix))
    )
    if (!rule) return undefined
    rule.times -= 1
    return rule.fault
  }
}

function handlerOf(fault: Fault): Handler<Fault> {
  return HANDLERS[fault.kind] as Handler<Fault>
}

/** Runs the fault's before-step; `true` when the request is finished with. */
export async function faultBefore(fault: Fault | undefined, exchange: Exchange): Promise<boolean> {
  const step = fault && handlerOf(fault).before
  return step ? await step(fault, exchange) : false
}

/** Runs the fault's after-step with the answer; `true` when it sent (or dropped) it itself. */
export async function faultAfter(
  fault: Fault | undefined,
  exchange: Exchange,
  reply: Reply
): Promise<boolean> {
  const step = fault && handlerOf(fault).after
  return step ? await step(fault, exchange, reply) : false
}
