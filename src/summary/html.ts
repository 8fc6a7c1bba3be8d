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

function escapeLine(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replace(/\r\n|\r|\n/g, '<br>')
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

/** A text as a preformatted block of the summary. */
export function htmlBlock(text: string): Html {
  return markup`<pre>${text}</pre>`
}
