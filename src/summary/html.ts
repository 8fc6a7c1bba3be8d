/**
 * HTML for the job summary. GitHub reads the summary as Markdown: a line that starts with a
 * block tag opens an HTML block, and a blank line ends it, after which text is read as Markdown
 * again. So no untrusted text may bring a line break, a tag or an entity of its own.
 *
 * `Html` is markup the action vouches for: its constructor is private to this file, and the only
 * ways to make one are the `markup` tag (its literal parts are the action's own source; every
 * interpolated string is escaped by `htmlText`) and `joinHtml`. Whatever takes `Html` cannot be
 * handed someone's text by mistake.
 */

let trust: (markup: string) => Html

/** Markup built from the action's constants and escaped text; never contains a line break. */
export class Html {
  readonly #markup: string
  private constructor(markup: string) {
    this.#markup = markup
  }
  static {
    trust = markup => new Html(markup)
  }
  toString(): string {
    return this.#markup
  }
}

/**
 * The one escaper: text as HTML on one line. `&`, `<`, `>` and `"` become entities and every line
 * break (`\r\n`, `\r`, `\n`) becomes `<br>`, so the text can neither open a tag nor end the block.
 */
export function htmlText(text: string): Html {
  return trust(escapeLine(text))
}

/** `&`, `<`, `>` and `"` as entities, and each line break (`\r\n`, `\r`, `\n`) as `lineBreak`. */
function escapeLine(text: string, lineBreak = '<br>'): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replace(/\r\n|\r|\n/g, lineBreak)
}

/** What a `markup` template may interpolate: markup as it is, text and numbers escaped. */
export type HtmlPart = Html | string | number

/**
 * The action's own markup with parts put in: markup`<p>Room ${roomId}: ${preview}</p>`. A string
 * or a number is escaped; an `Html` goes in as it is. The literal parts must be a template's own
 * (a call with a built array is refused), and must not break the line.
 */
export function markup(literals: TemplateStringsArray, ...parts: HtmlPart[]): Html {
  if (!Object.isFrozen(literals) || !Array.isArray(literals.raw)) {
    throw new TypeError('markup must be used as a template tag')
  }
  let markup = ''
  literals.forEach((literal, i) => {
    if (/[\r\n]/.test(literal)) throw new TypeError('markup: it must stay on one line')
    markup += literal
    const part = parts[i]
    if (part !== undefined) markup += part instanceof Html ? String(part) : escapeLine(String(part))
  })
  return trust(markup)
}

/** Pieces of markup one after the other, with `separator` between them. */
export function joinHtml(pieces: Iterable<Html>, separator: Html = markup``): Html {
  return trust([...pieces].map(String).join(String(separator)))
}

/**
 * Text inside `<pre>`: escaped like `htmlText`, but each line break is written as the character
 * reference `&#10;`, which the HTML parser turns back into the newline itself. A `<br>` there
 * is no line break on GitHub (its renderer shows the block on one line), and a raw newline
 * could make a blank line that ends the summary's HTML block.
 */
export function htmlPre(text: string): Html {
  return trust(escapeLine(text, '&#10;'))
}

/**
 * Text with its web addresses as links, as Chatwork shows them. Only `http:` and `https:`;
 * the address ends at white space, a quote, `<`, `>` or a bracket, and punctuation that ends a
 * sentence stays text. Linear: one pass of a regular expression without backtracking.
 */
export function htmlLinked(text: string): Html {
  const pieces: Html[] = []
  let from = 0
  for (const match of text.matchAll(WEB_ADDRESS)) {
    const url = withoutTrailing(match[0])
    if (!URL_START.test(url)) continue
    pieces.push(htmlText(text.slice(from, match.index)), markup`<a href="${url}">${url}</a>`)
    from = match.index + url.length
  }
  pieces.push(htmlText(text.slice(from)))
  return joinHtml(pieces)
}

const WEB_ADDRESS = /https?:\/\/[^\s"'<>[\]{}`\\]+/g
/** A web address needs a host after the scheme. */
const URL_START = /^https?:\/\/[^/?#.:]/

/** An address without the punctuation after it (a loop: `/[.,)]+$/` is quadratic on `....`). */
function withoutTrailing(url: string): string {
  let end = url.length
  while (end > 0 && '.,;:!?)'.includes(url.charAt(end - 1))) end -= 1
  return url.slice(0, end)
}

/** A text as a preformatted block of the summary. */
export function htmlBlock(text: string): Html {
  return markup`<pre>${htmlPre(text)}</pre>`
}
