/**
 * Marks in a rendered body, so that escaping sees which characters came from values. Chatwork's
 * tags are broken only where a value takes part in them, and that can happen across a boundary:
 * `{{ a }}{{ b }}` with a=`[` and b=`To:1]`, `[To:{{ id }}]`, `{{ x }}o:1]` with x=`[T`. So each
 * printed value is put between VALUE_START and VALUE_END, a tag the action writes into a value's
 * place (the Markdown filter's `[code]`, `[qt]`, `[hr]`) is written with OWN_OPEN and OWN_CLOSE
 * for its brackets (and what is between them is the action's too) (one for one, so lengths stay true while the filter cuts its text), and
 * `finish` breaks every tag of the body that has a value character in it, then removes the marks.
 *
 * The marks are Unicode noncharacters, never part of text people write: they are removed from
 * every value before it is marked, and made inert (U+FFFD) in the template's own text, so neither
 * a value nor text pasted into a template can forge one.
 */
import { breakTags } from '../chatwork/tags.js'

export const VALUE_START = '\uFDD0'
export const VALUE_END = '\uFDD1'
const OWN_OPEN = '\uFDD2'
const OWN_CLOSE = '\uFDD3'

const MARKS = /[\uFDD0-\uFDD3]/g

/** The text without marks: for a value before it is marked. */
export function unmarked(text: string): string {
  return text.replace(MARKS, '')
}

/** The template's own text with any mark in it replaced, so that it means nothing. */
export function inert(text: string): string {
  return text.replace(MARKS, '\uFFFD')
}

/** A value, marked, with the tags inside it broken already (also when a filter cuts it later). */
export function markValue(text: string): string {
  return VALUE_START + breakTags(unmarked(text)) + VALUE_END
}

/** A tag the action writes: `[code]` with its own brackets. */
export function ownTag(name: string): string {
  return `${OWN_OPEN}${name}${OWN_CLOSE}`
}

/** The action's own brackets as brackets, when the text is not going into a template's body. */
export function ownBrackets(text: string): string {
  return text.replaceAll(OWN_OPEN, '[').replaceAll(OWN_CLOSE, ']')
}

/**
 * The body as sent: every tag with a character from a value broken (a NOTATION_BREAK after its
 * '['), tags written wholly in the template's own text (or by the action) kept, marks removed.
 * Linear in the body.
 */
export function finish(marked: string): string {
  const fromValue = new Uint8Array(marked.length)
  let text = ''
  let inValue = false
  let own = false
  let from = 0
  const flush = (to: number) => {
    if (inValue && !own) fromValue.fill(1, text.length, text.length + to - from)
    text += marked.slice(from, to)
  }
  for (let at = 0; at < marked.length; at++) {
    const char = marked[at]
    if (char === undefined || char < '\uFDD0' || char > '\uFDD3') continue
    flush(at)
    from = at + 1
    if (char === VALUE_START || char === VALUE_END) inValue = char === VALUE_START
    else {
      own = char === OWN_OPEN
      text += own ? '[' : ']'
    }
  }
  flush(marked.length)
  return breakTags(text, (start, end) => fromValue.subarray(start, end).includes(1))
}
