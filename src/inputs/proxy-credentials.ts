/**
 * The user name and password in a proxy URL (the `proxy` input, HTTPS_PROXY, HTTP_PROXY),
 * found whatever they contain: people paste passwords with a raw `@`, `:` or `/` in them, which
 * `new URL` reads as part of the host or refuses. The credentials are everything between `://`
 * and the LAST `@` (a host cannot hold one), the user name up to their first `:` (as the URL
 * standard splits them). A path holding an `@` would make more text count as credentials: more
 * is masked, nothing leaks.
 */

/** The variables @actions/http-client's getProxyUrl reads, in both spellings. */
export const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY']

interface Credentials {
  user: string
  /** undefined: no `:` after the user name. */
  password: string | undefined
  /** Where they end in the value: the index of the last `@`. */
  end: number
  /** Where they start: after `://`, or at the start of a value without a scheme. */
  start: number
}

function credentialsOf(value: string): Credentials | undefined {
  const scheme = value.indexOf('://')
  const start = scheme < 0 ? 0 : scheme + 3
  const end = value.lastIndexOf('@')
  if (end < start) return undefined
  const userinfo = value.slice(start, end)
  const colon = userinfo.indexOf(':')
  return colon < 0
    ? { user: userinfo, password: undefined, start, end }
    : { user: userinfo.slice(0, colon), password: userinfo.slice(colon + 1), start, end }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** `text` as the URL standard percent-encodes a password (what `url.href` would show). */
function urlEncoded(text: string): string {
  const url = new URL('http://host')
  url.password = text
  return url.password
}

/**
 * Every form in which the user name or the password could be printed: as written, decoded,
 * percent-encoded (both ways), and the Basic credentials sent to the proxy.
 */
export function proxySecrets(value: string): string[] {
  const credentials = credentialsOf(value.trim())
  if (!credentials) return []
  const { user, password = '' } = credentials
  const forms = new Set<string>()
  for (const raw of [user, password]) {
    const decoded = safeDecode(raw)
    for (const form of [raw, decoded, encodeURIComponent(decoded), urlEncoded(decoded)]) {
      forms.add(form)
    }
  }
  const basic = `${safeDecode(user)}:${safeDecode(password)}`
  forms.add(Buffer.from(basic).toString('base64'))
  return [...forms].filter(form => form.trim() !== '')
}

/**
 * What in the credentials `new URL` would not read as credentials: `/`, `?`, `#` and `\` end a
 * URL's host part, so a raw one in a password sends the request somewhere else.
 */
export function proxyCredentialsProblem(value: string): string | undefined {
  const credentials = credentialsOf(value)
  if (!credentials) return undefined
  const userinfo = value.slice(credentials.start, credentials.end)
  return /[/?#\\]/.test(userinfo)
    ? "its user name or password holds '/', '?', '#' or '\\', which end a URL's host part: percent-encode them (%2F, %3F, %23, %5C)"
    : undefined
}

/** The value with its password replaced by `***`, for an error message. */
export function redactProxy(value: string): string {
  const credentials = credentialsOf(value)
  if (!credentials || credentials.password === undefined) return value
  const { user, start, end } = credentials
  return `${value.slice(0, start)}${user}:***${value.slice(end)}`
}
