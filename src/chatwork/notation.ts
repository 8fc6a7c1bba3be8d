/**
 * Reading Chatwork notation in messages people sent (see docs/chatwork-api.md, "Notation"),
 * and writing the one header the action writes itself, a Reply's.
 *
 * Chatwork's Reply button starts a message with `[rp aid={account} to={room}-{message}]` and the
 * name of the person replied to; the To button with `[To:{account}]` and a name; quoting inserts
 * `[qt][qtmeta aid=… time=…]…[/qt]`. The web editor and some clients write the localized forms
 * (`[返信 …]`, `[引用 …]`, see tags.ts). What the person wrote is what remains: a gate matches
 * that, so that a Reply-button "/approve" counts and a quoted "/approve" never does.
 * Every function here is linear in the length of the text: a room member writes it.
 */
import { canonicalTags, escapeNotation } from './tags.js'

/**
 * Chatwork's reply header, as the Reply button writes it: `[rp aid={author} to={room}-{message}]`
 * and the author's name. The name is someone else's text: escaped, and kept on the header's line.
 */
export function replyHeader(
  author: { account_id: number | string; name: string },
  roomId: string,
  messageId: string
): string {
  const name = escapeNotation(author.name.replace(/\s+/g, ' ').trim())
  return `[rp aid=${author.account_id} to=${roomId}-${messageId}]${name}`
}

export interface Spoken {
  /** What the person wrote: without the leading addressing, without quotes, trimmed. */
  text: string
  /** `{room}-{message}` of every `[rp]` header at the start. */
  repliesTo: string[]
}

/** Account id → display name: the names the buttons insert after a tag. */
export type DisplayNames = ReadonlyMap<string, string>

/** One addressing tag at the start of the text. */
const ADDRESS = /\s*\[(?:To:(\d+)|toall|rp aid=(\d+) to=(\d+-\d+))\]/iy

/** The rest of the line after a tag: what the buttons wrote when the name is not known. */
const REST_OF_LINE = /[^\r\n[]*/y

/** What the Japanese and English interfaces add to a name. */
const HONORIFICS = ['さん', ' さん', '様', ' 様', ' san']

/**
 * Splits a body into what it says and whom it replies to. After `[To:N]` or `[rp aid=N …]`, N's
 * display name (from `names`) is removed, with or without a leading space and with an
 * honorific; what follows on the line is what the person wrote. When N's name is not known, the
 * rest of the line is taken for the name. After `[toall]` nothing is: it inserts no name.
 */
export function readSpoken(body: string, names: DisplayNames = new Map()): Spoken {
  const text = withoutQuotes(canonicalTags(body))
  const repliesTo: string[] = []
  const address = new RegExp(ADDRESS)
  let end = 0
  for (let tag = address.exec(text); tag; tag = address.exec(text)) {
    if (tag[3]) repliesTo.push(tag[3])
    end = address.lastIndex
    const account = tag[1] ?? tag[2]
    if (account !== undefined) end = afterName(text, end, names.get(account))
    address.lastIndex = end
  }
  return { text: text.slice(end).trim(), repliesTo }
}

/** Where the name a button inserted at `at` ends (`at` itself when the text has no such name). */
function afterName(text: string, at: number, name: string | undefined): number {
  const known = name?.trim()
  if (!known) {
    const rest = new RegExp(REST_OF_LINE)
    rest.lastIndex = at
    rest.exec(text)
    return rest.lastIndex
  }
  const start = text.startsWith(' ', at) ? at + 1 : at
  if (!text.startsWith(known, start)) return at
  const after = start + known.length
  const honorific = HONORIFICS.find(h => text.startsWith(h, after))
  return after + (honorific?.length ?? 0)
}

const QUOTE_TAG = /\[(\/?)qt\]/gi

/**
 * The text without `[qt]…[/qt]` blocks (nested ones too, with their `[qtmeta]`). A `[qt]` that
 * is never closed is not a quote in Chatwork either: it stays, as literal text.
 */
function withoutQuotes(body: string): string {
  let kept = ''
  let depth = 0
  let from = 0
  let openedAt = 0
  for (const tag of body.matchAll(QUOTE_TAG)) {
    const at = tag.index
    if (tag[1] === '') {
      if (depth === 0) {
        kept += body.slice(from, at)
        openedAt = at
      }
      depth += 1
    } else if (depth > 0) {
      depth -= 1
      if (depth === 0) from = at + tag[0].length
    }
  }
  return kept + body.slice(depth > 0 ? openedAt : from)
}
