/**
 * A preview of what Chatwork shows for a message, as the HTML that GitHub keeps in job summaries
 * (it strips scripts, styles and most attributes): `[info]` as a boxed table cell with its
 * `[title]` in bold, `[code]` as a code block, `[hr]` as a rule, `[qt]` as a quote that names the
 * quoted account, mentions and replies as `@Name` / `↩ Name`, file tags as a file mention.
 * Everything else is HTML-escaped; a tag Chatwork would not render (unclosed, stray, or escaped
 * with a zero-width space after its `[`) stays literal text. Web addresses are links, as in
 * Chatwork. Every line break becomes `<br>` (inside a code block, `&#10;`), so a preview is one
 * HTML block that no message can end. Linear in the length of the body.
 */
import { canonicalTags } from '../chatwork/tags.js'
import { utcTime } from '../format.js'
import { markup, htmlLinked, htmlPre, htmlText, joinHtml, type Html } from './html.js'

/** Account id to display name, where the step already knows it. */
export type Names = ReadonlyMap<string, string>

type Node = string | { tag: Block; attrs: string; children: Node[] }
type Block = 'info' | 'title' | 'qt' | 'code'

const TAG =
  /\[(?:(\/?)(info|title|qt|code)|(hr|toall)|To:(\d+)|rp aid=(\d+) to=(\d+)-(\d+)|qtmeta aid=(\d+)(?: time=(\d+))?|(picon|piconname|pname):(\d+)|preview id=(\d+) ht=\d+|download:(\d+)|dtext:(\w+))\]/g

interface PreviewOptions {
  /** Quotes folded into a `<details>` (the fetch table, where the answer matters). */
  collapseQuotes?: boolean
}

/**
 * Boxes and quotes nested deeper than this show their tags as text: no message needs more, and
 * it keeps rendering (recursive) and unwinding unclosed tags linear in the body's length.
 */
const MAX_DEPTH = 20

/** The HTML preview of a message body; localized reply and quote tags read as theirs. */
export function previewHtml(
  body: string,
  names: Names = new Map(),
  options: PreviewOptions = {}
): Html {
  return render(parse(canonicalTags(body)), {
    names,
    collapseQuotes: options.collapseQuotes ?? false
  })
}

interface Style {
  names: Names
  collapseQuotes: boolean
}

/** The preview, then the raw notation in a collapsed `<details>` under it. */
export function previewWithSource(body: string, names: Names = new Map()): Html {
  return markup`<div>${previewHtml(body, names)}</div><details><summary>Chatwork notation</summary><pre>${htmlPre(body)}</pre></details>`
}

/** Builds the tree; a closing tag without its opening, or an opening never closed, is text. */
function parse(body: string): Node[] {
  const root: Node[] = []
  const stack: { tag: Block; at: number; nodes: Node[]; attrs: string }[] = []
  const current = () => stack.at(-1)?.nodes ?? root
  let from = 0
  for (const match of body.matchAll(TAG)) {
    const at = match.index
    const inCode = stack.at(-1)?.tag === 'code'
    const [text, closing, block] = match
    if (inCode && !(closing && block === 'code')) continue
    if (at > from) current().push(body.slice(from, at))
    from = at + text.length
    if (block && !closing && stack.length >= MAX_DEPTH) {
      current().push(text)
    } else if (block && !closing) {
      stack.push({ tag: block as Block, at, nodes: [], attrs: '' })
    } else if (block) {
      const open = stack.findLastIndex(s => s.tag === block)
      if (open < 0) {
        current().push(text)
        continue
      }
      // Anything opened inside and not closed was text after all.
      while (stack.length - 1 > open) unwind(stack)
      const done = stack.pop()
      if (done) current().push({ tag: done.tag, attrs: done.attrs, children: done.nodes })
    } else {
      current().push({ tag: 'code', attrs: `inline:${text}`, children: [] })
    }
  }
  if (from < body.length) current().push(body.slice(from))
  while (stack.length > 0) unwind(stack, root)
  return root
}

/** An opening tag that was never closed: its text and what followed go to its parent. */
function unwind(stack: { tag: Block; at: number; nodes: Node[] }[], root: Node[] = []): void {
  const open = stack.pop()
  if (!open) return
  const parent = stack.at(-1)?.nodes ?? root
  parent.push(`[${open.tag}]`, ...open.nodes)
}

function render(nodes: Node[], style: Style): Html {
  const pieces: Html[] = []
  let mentioned: string | undefined
  for (const node of nodes) {
    if (typeof node === 'string') {
      // The To and Reply buttons write the person's name after the tag: shown once, in the tag.
      const text = mentioned && node.startsWith(mentioned) ? node.slice(mentioned.length) : node
      pieces.push(htmlLinked(text))
      mentioned = undefined
    } else {
      pieces.push(element(node, style))
      mentioned = mentionedName(node, style.names)
    }
  }
  return joinHtml(pieces)
}

/** The name a To or Reply tag shows, when the step knows it. */
function mentionedName(node: Exclude<Node, string>, names: Names): string | undefined {
  const id = /^\[(?:To:(\d+)|rp aid=(\d+) )/.exec(node.attrs.slice('inline:'.length))
  return id ? names.get(id[1] ?? id[2] ?? '') : undefined
}

function element(node: Exclude<Node, string>, style: Style): Html {
  if (node.attrs.startsWith('inline:'))
    return inline(node.attrs.slice('inline:'.length), style.names)
  switch (node.tag) {
    case 'code':
      return markup`<pre><code>${htmlPre(flatten(node.children))}</code></pre>`
    case 'title':
      return markup`<b>${render(node.children, style)}</b><br>`
    case 'info':
      return markup`<table><tr><td>${render(trimBreaks(node.children), style)}</td></tr></table>`
    case 'qt': {
      const quote = markup`<blockquote>${render(trimBreaks(node.children), style)}</blockquote>`
      return style.collapseQuotes
        ? markup`<details><summary>quote</summary>${quote}</details>`
        : quote
    }
  }
}

/** A one-piece tag: a mention, a rule, a file, an icon. */
function inline(text: string, names: Names): Html {
  TAG.lastIndex = 0
  const m = TAG.exec(text) ?? []
  TAG.lastIndex = 0
  const name = (id: string | undefined) => names.get(id ?? '') ?? `account ${id}`
  if (m[3] === 'hr') return markup`<hr>`
  if (m[3] === 'toall') return markup`<b>@all</b>`
  if (m[4]) return markup`<b>@${name(m[4])}</b>`
  if (m[5]) return markup`<b>↩ ${name(m[5])}</b>`
  if (m[8]) return markup`<i>${name(m[8])}${quoteTime(m[9])} wrote:</i><br>`
  if (m[10]) return markup`<b>${name(m[11])}</b>`
  if (m[12]) return markup`<i>[preview of file ${m[12]}]</i>`
  if (m[13]) return markup`📎 file ${m[13]}: `
  if (m[14]) return htmlText(m[14] === 'file_uploaded' ? 'File uploaded' : m[14])
  return htmlText(text)
}

/** When a quote was written; a time out of range (anyone can type one) is shown as written. */
function quoteTime(seconds: string | undefined): string {
  if (!seconds) return ''
  const at = utcTime(seconds, 'minute')
  return at ? ` at ${at} UTC` : ` at time ${seconds}`
}

/** The text of a code block, tags included, as written. */
function flatten(nodes: Node[]): string {
  return nodes
    .map(n =>
      typeof n === 'string'
        ? n
        : n.attrs.startsWith('inline:')
          ? n.attrs.slice(7)
          : `[${n.tag}]${flatten(n.children)}[/${n.tag}]`
    )
    .join('')
}

/** A box's or quote's first and last line break are not shown. */
function trimBreaks(nodes: Node[]): Node[] {
  const out = [...nodes]
  if (typeof out[0] === 'string') out[0] = out[0].replace(/^\r?\n/, '')
  const last = out.length - 1
  if (typeof out[last] === 'string') out[last] = (out[last] as string).replace(/\r?\n$/, '')
  return out
}
