/** The body of an upload: multipart/form-data, encoded by Node's own FormData. */
import { extname } from 'node:path'

/**
 * Node's own FormData encodes the body (boundary, part headers, escaping of names), read out
 * through a Response; the whole file is in memory, which Chatwork's 5 MB limit keeps small.
 */
export async function multipartBody(multipart: {
  file: FilePart
  fields: Record<string, string>
}): Promise<{ bytes: Buffer; contentType: string }> {
  const form = new FormData()
  form.append(
    'file',
    new Blob([multipart.file.content], { type: contentType(multipart.file.name) }),
    multipart.file.name
  )
  for (const [name, value] of Object.entries(multipart.fields)) form.append(name, value)
  const encoded = new Response(form)
  return {
    bytes: Buffer.from(await encoded.arrayBuffer()),
    contentType: encoded.headers.get('content-type') ?? 'multipart/form-data'
  }
}

const CONTENT_TYPES: Record<string, string> = {
  '.txt': 'text/plain',
  '.log': 'text/plain',
  '.md': 'text/markdown',
  '.csv': 'text/csv',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.html': 'text/html',
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.zip': 'application/zip'
}

function contentType(name: string): string {
  return CONTENT_TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream'
}

export interface FilePart {
  /** The name Chatwork shows. */
  name: string
  /** The bytes, read once when the inputs were read. */
  content: Buffer
}
