/** Probes of how messages are stored: escapes, reply tags, deletion, the body limit, ids. */
import { breakTags } from '../../src/chatwork/tags.js'
import { FIXED, descending, excerpt, unmatched, type Probe, type ProbeContext } from './probe.js'

/** The second member's unread mentions, after it has read everything. */
async function mentionsOfSecond(ctx: ProbeContext): Promise<number | undefined> {
  if (!ctx.second) return undefined
  const answer = await ctx.second.client.request('GET', `/rooms/${ctx.client.room}`)
  const count = Number((answer.json() as { mention_num?: string } | null)?.mention_num)
  return Number.isFinite(count) ? count : undefined
}

async function readAll(ctx: ProbeContext): Promise<void> {
  if (ctx.second) await ctx.second.client.request('PUT', `/rooms/${ctx.client.room}/messages/read`)
}

const escapeZwsp: Probe = {
  id: 'escape-zwsp',
  assumption:
    "A zero-width space right after a tag's `[` (the action's escape, tags.ts) is stored as sent and stops the tag: an escaped [To:id] notifies no one, a plain one does; brackets that are no tag (dependabot[bot]) are sent as written.",
  async run(ctx) {
    const target = ctx.second?.id ?? ctx.me
    // What the action sends for a value with a mention in it: the escaper's own output.
    const escaped = breakTags(`[To:${target}] ${ctx.marker} escaped dependabot[bot]`)
    await readAll(ctx)
    const sent = await ctx.client.post(escaped)
    if (!sent.id) return unmatched(`escaped post refused: ${sent.status} ${excerpt(sent.text)}`)
    const stored = await ctx.client.message(sent.id)
    if (stored.body !== escaped) return unmatched(`stored as ${excerpt(stored.body)}`)
    const afterEscaped = await mentionsOfSecond(ctx)
    if (afterEscaped === undefined) {
      return {
        observed: 'stored as sent (no second token: notification not checked)',
        profile: FIXED
      }
    }
    await ctx.client.post(`[To:${target}] ${ctx.marker} plain`)
    const afterPlain = await mentionsOfSecond(ctx)
    await readAll(ctx)
    const observed = `stored as sent; mention_num ${afterEscaped} after escaped, ${afterPlain} after plain`
    return afterEscaped === 0 && afterPlain === 1
      ? { observed, profile: FIXED }
      : unmatched(observed)
  }
}

const replyNotation: Probe = {
  id: 'reply-notation',
  assumption: 'A localized `[Reply aid=… to=…]` tag is stored as typed (or rewritten to `[rp …]`).',
  async run(ctx) {
    const first = await ctx.client.post(`${ctx.marker} replied to`)
    if (!first.id) return unmatched(`post refused: ${first.status}`)
    const typed = `[Reply aid=${ctx.me} to=${ctx.client.room}-${first.id}] ${ctx.marker} reply`
    const reply = await ctx.client.post(typed)
    if (!reply.id) return unmatched(`reply refused: ${reply.status} ${excerpt(reply.text)}`)
    const stored = (await ctx.client.message(reply.id)).body ?? ''
    if (stored === typed) return { observed: 'stored as typed', profile: 'localizedTags=as-typed' }
    if (stored === typed.replace('[Reply aid=', '[rp aid=')) {
      return { observed: 'rewritten to [rp …]', profile: 'localizedTags=canonical' }
    }
    return unmatched(`stored as ${excerpt(stored)}`)
  }
}

const deletedMessage: Probe = {
  id: 'deleted-message',
  assumption: 'A deleted message is gone: reading it answers 404.',
  async run(ctx) {
    const sent = await ctx.client.post(`${ctx.marker} to delete`)
    if (!sent.id) return unmatched(`post refused: ${sent.status}`)
    const deleted = await ctx.client.deleteMessage(sent.id)
    if (deleted.status !== 200) return unmatched(`delete answered ${deleted.status}`)
    const read = await ctx.client.message(sent.id)
    if (read.status === 404) return { observed: 'read answers 404', profile: 'deleted=404' }
    if (read.status === 200 && read.body === '[deleted]') {
      return { observed: 'stays, body [deleted]', profile: 'deleted=marker' }
    }
    return unmatched(`read answers ${read.status}, body ${excerpt(read.body)}`)
  }
}

const LIMIT = 65_535

const bodyLimit: Probe = {
  id: 'body-limit',
  assumption: 'A body holds at most 65,535 characters (UTF-16 code units), not bytes.',
  async run(ctx) {
    const ascii = `${ctx.marker} `.padEnd(LIMIT + 1, 'a')
    const over = await ctx.client.post(ascii)
    // Three UTF-8 bytes a character: under the limit in characters, over it in bytes.
    const wide = `${ctx.marker} ${'あ'.repeat(Math.ceil(LIMIT / 3) + 1)}`
    const multibyte = await ctx.client.post(wide)
    const observed = `${LIMIT + 1} ASCII characters: ${over.status}; ${wide.length} characters (${Buffer.byteLength(wide)} bytes): ${multibyte.status}`
    if (over.status !== 400) return unmatched(observed)
    if (multibyte.status === 200) return { observed, profile: 'bodyLimit=characters' }
    if (multibyte.status === 400) return { observed, profile: 'bodyLimit=bytes' }
    return unmatched(observed)
  }
}

const idOrder: Probe = {
  id: 'id-order',
  assumption: 'Message ids grow with each post (compared as numbers).',
  async run(ctx) {
    const ids: string[] = []
    for (let i = 1; i <= 4; i++) {
      const sent = await ctx.client.post(`${ctx.marker} order ${i}`)
      if (!sent.id) return unmatched(`post refused: ${sent.status}`)
      ids.push(sent.id)
    }
    if (!ids.every(id => /^\d{1,20}$/.test(id))) return unmatched(`ids ${ids.join(', ')}`)
    const observed = `ids of 4 posts ${descending(ids) ? 'not ' : ''}ascending`
    return { observed, profile: descending(ids) ? 'messageIds=unordered' : 'messageIds=ascending' }
  }
}

export const MESSAGE_PROBES: readonly Probe[] = [
  escapeZwsp,
  replyNotation,
  deletedMessage,
  bodyLimit,
  idOrder
]
