/**
 * The `markdown` filter: Markdown (CommonMark with GitHub's tables, task lists, strikethrough,
 * autolinks and footnotes) to Chatwork notation. Parsed by mdast-util-from-markdown with the GFM
 * extensions (micromark, the parser behind remark), loaded only when a template uses the filter.
 *
 * What comes out (README, "Markdown to Chatwork"):
 * - headings: level 1 and 2 as `【text】`, deeper as `■ text`, each on its own line;
 * - paragraphs: their lines, no trailing spaces; one blank line between blocks;
 * - lists: `・ item` or `1. item`, two spaces more per level; task items `☐`/`☑`;
 * - emphasis, strong, strikethrough: their text; inline code: its text;
 * - links: `text (url)`, or the url alone when the text is the url; images: `alt (url)`;
 * - code blocks: `[code]…[/code]`, the code as written;
 * - block quotes: `[qt]…[/qt]`; thematic breaks: `[hr]`;
 * - tables: padded columns separated by ` │ `, a rule under the header;
 * - HTML: comments dropped, tags dropped, their text kept.
 *
 * Every tag of Chatwork's notation (tags.ts) that the text takes part in gets the invisible break,
 * in code too (a `[toall]` in release notes notifies nobody, also when it forms across emphasis,
 * `[*toall*]`); every other '[' stays as written. The converter writes its own tags with the
 * action's brackets (marks.ts), so a block is escaped whole and its own tags are not touched.
 */
import type { PhrasingContent, Root, RootContent, Table, ListItem, List } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { gfm } from 'micromark-extension-gfm'
import { breakTags } from '../chatwork/tags.js'
import { ownBrackets, ownTag, unmarked } from './marks.js'
import { markdownExcess } from './markdown-bounds.js'
import { join, truncate, type Piece } from './markdown-pieces.js'
import { linkText, pad, textOf, width, withoutTags } from './markdown-text.js'

/** The longest text one table may pad to; a message holds 65,535 characters. */
const MAX_TABLE_TEXT = 1_000_000

/**
 * The converted text, cut at a block boundary to at most `maxLength` characters (with
 * TRUNCATED at the end) when a length is given. A text beyond the parser's bounds
 * (markdown-bounds.ts) is not parsed: it comes back as plain text, escaped and cut the same
 * way, and `beyond` hears why (delivered beats failed, for release notes). With `marked`, the
 * converter's own tags keep the action's brackets (for a template's body, marks.ts).
 */
export function markdownToChatwork(
  markdown: string,
  {
    maxLength,
    beyond = () => {},
    marked = false
  }: { maxLength?: number | undefined; beyond?: (reason: string) => void; marked?: boolean } = {}
): string {
  // Marks in the text (marks.ts) are not the action's: removed, so none can forge a bracket.
  markdown = unmarked(markdown)
  const excess = markdownExcess(markdown)
  if (excess !== undefined) beyond(excess)
  const pieces = (excess === undefined ? convert(markdown) : plainPieces(markdown)).map(piece => ({
    ...piece,
    text: breakTags(piece.text)
  }))
  const text = maxLength === undefined ? join(pieces) : truncate(pieces, maxLength)
  return marked ? text : ownBrackets(text)
}

function convert(markdown: string): Piece[] {
  const root = fromMarkdown(markdown, {
    extensions: [gfm()],
    mdastExtensions: [gfmFromMarkdown()]
  })
  return new Converter(root).blocks(root.children)
}

/** The text as written, a piece per paragraph so that a cut falls between them. */
function plainPieces(markdown: string): Piece[] {
  return markdown
    .split(/\r?\n(?:[ \t]*\r?\n)+/)
    .map(block => block.replace(/[ \t]+$/gm, ''))
    .filter(text => text.trim() !== '')
    .map(text => ({ text, gap: '\n\n' }))
}

class Converter {
  /** Link reference definitions, for `[text][ref]`. */
  private readonly definitions = new Map<string, string>()

  constructor(root: Root) {
    for (const node of root.children) {
      if (node.type === 'definition') this.definitions.set(node.identifier, node.url)
    }
  }

  blocks(nodes: RootContent[], depth = 0): Piece[] {
    const pieces: Piece[] = []
    for (const node of nodes) {
      if (node.type === 'list' && depth === 0) {
        // Each top-level item is a place where a long list may be cut.
        pieces.push(
          ...this.listItems(node, 0).map((text, i) => ({ text, gap: i === 0 ? '\n\n' : '\n' }))
        )
        continue
      }
      const text = this.block(node, depth)
      if (text !== '') pieces.push({ text, gap: '\n\n', heading: node.type === 'heading' })
    }
    return pieces
  }

  private blockText(nodes: RootContent[], depth: number): string {
    return join(this.blocks(nodes, depth + 1))
  }

  private block(node: RootContent, depth: number): string {
    switch (node.type) {
      case 'heading': {
        const text = this.inline(node.children)
        return node.depth <= 2 ? `【${text}】` : `■ ${text}`
      }
      case 'paragraph':
        return this.inline(node.children)
      case 'list':
        return this.listItems(node, 0).join('\n')
      case 'code':
        return `${ownTag('code')}${node.value}${ownTag('/code')}`
      case 'blockquote':
        return `${ownTag('qt')}${this.blockText(node.children, depth)}${ownTag('/qt')}`
      case 'thematicBreak':
        return ownTag('hr')
      case 'table':
        return this.table(node)
      case 'html':
        return withoutTags(node.value).trim()
      case 'footnoteDefinition':
        return `(${node.label ?? node.identifier}) ${this.blockText(node.children, depth)}`
      default:
        // definitions, yaml front matter and the like show nothing
        return ''
    }
  }

  /** The items of a list at `level`, each line indented two spaces per level. */
  private listItems(list: List, level: number): string[] {
    const start = list.start ?? 1
    return list.children.flatMap((item, i) => {
      const marker = list.ordered ? `${start + i}. ` : '・ '
      return this.listItem(item, marker, level)
    })
  }

  private listItem(item: ListItem, marker: string, level: number): string[] {
    const indent = '  '.repeat(level)
    // A task item's box takes the bullet's place (an ordered item keeps its number).
    const box = item.checked === true ? '☑ ' : item.checked === false ? '☐ ' : ''
    if (box && marker === '・ ') marker = ''
    const lines: string[] = []
    let first = true
    for (const child of item.children) {
      if (child.type === 'list') {
        lines.push(...this.listItems(child, level + 1))
        continue
      }
      const text = this.block(child, level + 1)
      if (text === '') continue
      if (child.type === 'code') {
        // Code stays as written: not indented.
        lines.push(first ? `${indent}${marker}${box}${text}` : text)
      } else {
        const [head = '', ...rest] = text.split('\n')
        const hang = `${indent}${' '.repeat(2)}`
        lines.push(first ? `${indent}${marker}${box}${head}` : `${hang}${head}`)
        for (const line of rest) lines.push(line === '' ? '' : `${hang}${line}`)
      }
      first = false
    }
    if (first) lines.push(`${indent}${marker}${box}`.trimEnd())
    return lines
  }

  private table(table: Table): string {
    const rows = table.children.map(row =>
      row.children.map(cell => this.inline(cell.children).replace(/\n/g, ' '))
    )
    const columns = Math.max(...rows.map(r => r.length))
    const widths = Array.from({ length: columns }, (_, c) =>
      Math.max(1, ...rows.map(r => width(r[c] ?? '')))
    )
    const line = (cells: string[]) =>
      widths
        .map((w, c) => pad(cells[c] ?? '', w, table.align?.[c] ?? null))
        .join(' │ ')
        .trimEnd()
    const [header = [], ...body] = rows
    if (rows.length * widths.reduce((sum, w) => sum + w + 3, 0) > MAX_TABLE_TEXT) {
      // Padding every row to the widest cells would make the table's text explode: unpadded.
      return rows.map(cells => cells.join(' │ ').trimEnd()).join('\n')
    }
    const rule = widths.map(w => '─'.repeat(w)).join('─┼─')
    return [line(header), rule, ...body.map(line)].join('\n')
  }

  inline(nodes: PhrasingContent[]): string {
    const text = nodes.map(node => this.phrasing(node)).join('')
    // No trailing spaces on any line (hard breaks written as two spaces leave none).
    return text.replace(/[ \t]+\n/g, '\n').trim()
  }

  private phrasing(node: PhrasingContent): string {
    switch (node.type) {
      case 'text':
      case 'inlineCode':
        return node.value
      case 'emphasis':
      case 'strong':
      case 'delete':
        return this.inline(node.children)
      case 'break':
        return '\n'
      case 'link':
        return linkText(this.inline(node.children), node.url)
      case 'linkReference':
        return linkText(this.inline(node.children), this.definitions.get(node.identifier) ?? '')
      case 'image':
        return linkText(node.alt ?? '', node.url)
      case 'imageReference':
        return linkText(node.alt ?? '', this.definitions.get(node.identifier) ?? '')
      case 'footnoteReference':
        return `(${node.label ?? node.identifier})`
      case 'html':
        return withoutTags(node.value)
      default:
        return textOf(node)
    }
  }
}
