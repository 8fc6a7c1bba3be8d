/**
 * The `markdown` filter's output as pieces (blocks, top-level list items), and the cut at a
 * piece boundary when the text is longer than asked.
 */

import { ownTag } from './marks.js'

/** Where a truncated result ends. */
const TRUNCATED = '…(truncated)'

/** A block of output and the separator that goes before it (none for the first). */
export interface Piece {
  text: string
  /** A blank line between blocks, a line break between items of a list. */
  gap: string
  /** A heading is not kept as the last block before the truncation mark. */
  heading?: boolean
}

export function join(pieces: Piece[]): string {
  return pieces.map((p, i) => (i === 0 ? p.text : p.gap + p.text)).join('')
}

/** Whole blocks (and whole top-level list items) while they fit; then TRUNCATED. */
export function truncate(pieces: Piece[], maxLength: number): string {
  const full = join(pieces)
  if (full.length <= maxLength) return full
  const budget = maxLength - TRUNCATED.length - 1
  let count = 0
  let length = 0
  for (const [i, piece] of pieces.entries()) {
    length += (i === 0 ? 0 : piece.gap.length) + piece.text.length
    if (length > budget) break
    count++
  }
  while (count > 0 && pieces[count - 1]?.heading) count--
  const kept =
    count > 0 ? join(pieces.slice(0, count)) : cutPlainText(pieces[0]?.text ?? '', budget)
  return kept ? `${kept}\n${TRUNCATED}` : TRUNCATED
}

/** The first block alone is too long: cut it at a line or a space, unless it has tags. */
function cutPlainText(text: string, budget: number): string {
  if (text.includes(ownTag('code')) || text.includes(ownTag('qt'))) return ''
  const head = text.slice(0, budget)
  const at = Math.max(head.lastIndexOf('\n'), head.lastIndexOf(' '))
  return (at > 0 ? head.slice(0, at) : head).trimEnd()
}
