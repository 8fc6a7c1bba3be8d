/**
 * What a failed exchange becomes: a NetworkError that says where the request went (the proxy's
 * address when one was used) and whether it can have reached Chatwork, which decides whether
 * the engine (retry.ts) may simply send it again.
 */
import { NetworkError, messageOf } from '../errors.js'
import { couldNotConnect } from '../texts.js'
import { Input } from '../constants.js'

/** Error codes that mean the request never reached the server. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH'
])

/** Where a request went, for errors: the proxy's address when one was used. */
export function toNetworkError(error: unknown, what: string, target: string): NetworkError {
  const code = (error as { code?: unknown } | null)?.code
  const detail = messageOf(error)
  if (typeof code === 'string' && NOT_SENT_CODES.has(code)) {
    return new NetworkError(couldNotConnect(what, target, code), { notSent: true, cause: error })
  }
  if (isTlsFailure(code, detail)) {
    // The handshake failed, so nothing of the request was sent.
    const plain = /wrong version number|packet length too long|http request/i.test(detail)
    return new NetworkError(
      plain
        ? `${what} could not start TLS with ${target}: the server there answers plain http, not https (${typeof code === 'string' ? code : detail}). Use an http:// '${Input.apiBaseUrl}' for a local server, or the server's https port.`
        : `${what} could not start TLS with ${target} (${typeof code === 'string' ? code : detail}): its certificate was refused.`,
      { notSent: true, cause: error }
    )
  }
  const reason = typeof code === 'string' ? code : detail
  return new NetworkError(`${what} failed: ${reason}.`, { notSent: false, cause: error })
}

function isTlsFailure(code: unknown, detail: string): boolean {
  return (
    (typeof code === 'string' &&
      /^ERR_SSL_|^ERR_TLS_|^EPROTO$|CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) ||
    /SSL routines|wrong version number/i.test(detail)
  )
}
