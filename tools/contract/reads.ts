/** Probes of reading: the `force` cursor, the rate-limit headers, the Free plan's headers. */
import { unmatched, type Probe } from './probe.js'

const forceCursor: Probe = {
  id: 'force-cursor',
  assumption:
    '`force=1` also moves the `force=0` cursor: a message returned by force=1 is not returned again by force=0.',
  async run(ctx) {
    // Empty the cursor first: at most 100 a call.
    for (let i = 0; i < 5; i++) {
      const { list } = await ctx.client.messages(0)
      if (list.length < 100) break
    }
    const sent = await ctx.client.post(`${ctx.marker} cursor`)
    if (!sent.id) return unmatched(`post refused: ${sent.status}`)
    const latest = await ctx.client.messages(1)
    if (!latest.list.some(m => m.message_id === sent.id)) {
      return unmatched(`force=1 (${latest.answer.status}) did not list the new message`)
    }
    const fresh = await ctx.client.messages(0)
    const again = fresh.list.some(m => m.message_id === sent.id)
    return again
      ? { observed: 'force=0 returns it again', profile: 'force=keeps-cursor' }
      : {
          observed: `force=0 answers ${fresh.answer.status} without it`,
          profile: 'force=moves-cursor'
        }
  }
}

const HEADERS = ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset']

const rateLimitHeaders: Probe = {
  id: 'rate-limit-headers',
  assumption: '`x-ratelimit-limit`, `-remaining` and `-reset` come with every answer, errors too.',
  async run(ctx) {
    const ok = await ctx.client.request('GET', '/me')
    const missing = await ctx.client.request('GET', `/rooms/${ctx.client.room}/messages/1`)
    const has = (h: Headers) => HEADERS.every(name => /^\d+$/.test(h.get(name) ?? ''))
    const observed = `on ${ok.status}: ${has(ok.headers) ? 'present' : 'absent'}; on ${missing.status}: ${has(missing.headers) ? 'present' : 'absent'}`
    if (ok.status !== 200 || !has(ok.headers) || missing.status < 400) return unmatched(observed)
    return {
      observed,
      profile: has(missing.headers)
        ? 'rateLimitHeaders=all-answers'
        : 'rateLimitHeaders=success-only'
    }
  }
}

const freePlan: Probe = {
  id: 'free-plan',
  assumption:
    'The room is on a paid plan: no `chatwork-message-limitation` header (the Free plan hides messages older than 40 days).',
  async run(ctx) {
    const { answer } = await ctx.client.messages(1)
    const limited = answer.headers.get('chatwork-message-limitation')
    if (limited === null) return { observed: 'no limitation header', profile: 'freePlan=off' }
    if (limited === 'true') {
      return { observed: 'chatwork-message-limitation: true', profile: 'freePlan=limited' }
    }
    return unmatched(`chatwork-message-limitation: ${JSON.stringify(limited)}`)
  }
}

export const READ_PROBES: readonly Probe[] = [forceCursor, rateLimitHeaders, freePlan]
