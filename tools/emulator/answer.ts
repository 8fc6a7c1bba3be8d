/** One authenticated answer: the token, the token's rate limit, then the route table. */
import type { Limits } from './limits.js'
import type { Profiles } from './profile.js'
import { dispatch } from './routes.js'
import type { RecordedRequest } from './types.js'
import { errors, headerValue, readForm, readMultipart, type Reply } from './wire.js'
import type { World } from './world.js'

export interface Services {
  world: World
  limits: Limits
  profiles: Profiles
}

export async function answer(
  method: string,
  path: string,
  record: RecordedRequest,
  services: Services
): Promise<Reply> {
  const token = headerValue(record.headers['x-chatworktoken'])
  const account = token === undefined ? undefined : services.world.accounts.get(token)
  if (!account || token === undefined) return errors(401, ['Invalid API token'])
  const counted = services.limits.countRequest(token)
  if (counted.exceeded) {
    // Chatwork documents the headers on the token's own 429 (remaining 0): never left off.
    const over = errors(429, ['Rate limit exceeded.'])
    return { ...over, headers: { ...counted.headers, ...over.headers } }
  }
  const reply = dispatch(method, path, {
    ...services,
    token,
    account,
    query: record.query,
    form: readForm(record.headers, record.body),
    multipart: await readMultipart(record.headers, record.body)
  })
  return withLimits(reply, counted.headers, services.profiles)
}

/** The token's `x-ratelimit-*` headers, on errors too unless the profile says otherwise. */
function withLimits(reply: Reply, limits: Record<string, string>, profiles: Profiles): Reply {
  const ok = reply.status >= 200 && reply.status < 300
  if (!ok && profiles.use('rateLimitHeaders') === 'success-only') return reply
  return { ...reply, headers: { ...limits, ...reply.headers } }
}
