/**
 * What goes over the wire: answers (JSON, JSON with exact big integers, errors, 204), and
 * reading a request's body, form and multipart parts.
 */
import type http from 'node:http'

export interface Reply {
  status: number
  headers: Record<string, string>
  body: string
}

export function json(status: number, value: unknown): Reply {
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
export function jsonText(status: number, value: unknown): Reply {
  const marked = JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'bigint' ? `\u0000${v.toString()}\u0000` : v
  )
  return { ...json(status, null), body: marked.replace(/"\\u0000(\d+)\\u0000"/g, '$1') }
}

export function errors(status: number, messages: string[]): Reply {
  return json(status, { errors: messages })
}

/** An empty list: 204 with no body, as Chatwork answers it. */
export function noContent(): Reply {
  return { status: 204, headers: {}, body: '' }
}

export const NOT_FOUND = (): Reply => errors(404, ['Resource not found'])

function isForm(headers: http.IncomingHttpHeaders): boolean {
  return (headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')
}

/** POST and PUT parameters: the form body only (the query string is ignored, as Chatwork does). */
export function readForm(headers: http.IncomingHttpHeaders, raw: Buffer): URLSearchParams {
  return isForm(headers) ? new URLSearchParams(raw.toString('utf8')) : new URLSearchParams()
}

export interface Multipart {
  fields: Map<string, string>
  file?: { name: string; type: string; bytes: Buffer }
}

/** A multipart/form-data body, parsed by Node's own Request, like any server would. */
export async function readMultipart(
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

export function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

export function readAll(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}
