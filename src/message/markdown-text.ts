/** The `markdown` filter's inline text (escaped by its block): links, raw HTML, plain text, and table columns. */
import type { Nodes, Parent } from 'mdast'
import { NOTATION_BREAK } from '../chatwork/tags.js'

/** `text (url)`; the url alone when the text says the same (an autolink). */
export function linkText(text: string, url: string): string {
  if (!url) return text
  if (!text) return url
  const bare = url.replace(/^(?:https?:\/\/|mailto:)/i, '')
  if (text === url || text === bare) return url.startsWith('mailto:') ? text : url
  return `${text} (${url})`
}

/** Raw HTML: comments dropped, tags dropped, the text between them kept. */
export function withoutTags(html: string): string {
  return html.replace(/<!--[\s\S]*?(?:-->|$)/g, '').replace(/<\/?[A-Za-z][^>]*>/g, '')
}

export function textOf(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value
  if ('children' in node) return (node as Parent).children.map(textOf).join('')
  return ''
}

/** Columns as a reader sees them: wide (CJK) characters take two. */
export function width(text: string): number {
  let total = 0
  for (const char of text) {
    if (char === NOTATION_BREAK) continue
    total +=
      /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/.test(
        char
      )
        ? 2
        : 1
  }
  return total
}

export function pad(
  text: string,
  columns: number,
  align: 'left' | 'right' | 'center' | null
): string {
  const space = columns - width(text)
  if (align === 'right') return ' '.repeat(space) + text
  if (align === 'center') {
    const left = Math.floor(space / 2)
    return ' '.repeat(left) + text + ' '.repeat(space - left)
  }
  return text + ' '.repeat(space)
}
