/**
 * Reading Chatwork notation in messages people sent (see docs/chatwork-api.md, "Notation").
 *
 * Chatwork's Reply button starts a message with `[rp aid={account} to={room}-{message}]` and the
 * name of the person replied to; the To button with `[To:{account}]` and a name; quoting inserts
 * `[qt][qtmeta aid=… time=…]…[/qt]`. What the person wrote is what remains: a gate matches
 * that, so that a Reply-button "/approve" counts and a quoted "/approve" never does.
 * Every function here is linear in the length of the text: a room member writes it.
 */

interface Spoken {
  /** What the person wrote: without the leading addressing, without quotes, trimmed. */
  text: string
  /** `{room}-{message}` of every `[rp]` header at the start. */
  repliesTo: string[]
}

/** One addressing tag at the start of the text, with the rest of its line (the display name). */
const ADDRESS = /\s*\[(?:To:\d+|toall|rp aid=\d+ to=(\d+-\d+))\][^\r\n[]*/iy

/** Splits a body into what it says and whom it replies to. */
export function readMessage(body: string): Spoken {
  const text = withoutQuotes(body)
  const repliesTo: string[] = []
  const address = new RegExp(ADDRESS)
  let end = 0
  for (let tag = address.exec(text); tag; tag = address.exec(text)) {
    if (tag[1]) repliesTo.push(tag[1])
    end = address.lastIndex
  }
  return { text: text.slice(end).trim(), repliesTo }
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
