/**
 * The job summary, built as a page of parts and written once. Every part is one line that starts
 * with the page's own block tag (`<h3>`, `<p>`, `<div>`, `<table>`), and its content is `Html`
 * (see html.ts), so no text can end the HTML block or be read as Markdown.
 *
 * GitHub drops a step's whole summary when it passes 1 MiB, so the page is cut to a budget in
 * UTF-8 bytes before it is written: the oldest rows of a table go first, then the parts marked
 * optional (previews, requests), each replaced by a line that says what was left out and why.
 */
import { stat } from 'node:fs/promises'
import { markup, joinHtml, type Html, type HtmlPart } from './html.js'

/**
 * GitHub: "each step is restricted to a maximum size of 1MiB"; past it the summary is not
 * uploaded and the step gets an error annotation.
 * https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#step-isolation-and-limits
 */
export const STEP_SUMMARY_LIMIT = 1024 * 1024

/** What the action lets itself write: a margin under the limit for what others add. */
const SUMMARY_BUDGET = 1_000_000

const WHY = "GitHub drops a step's summary past 1 MiB"

type Part =
  | { kind: 'line'; markup: Html; optional: false }
  | { kind: 'line'; markup: Html; optional: true; what: string }
  | { kind: 'table'; header: Html; rows: Html[]; what: string }

/** What a mode writes to; `render` makes the text of the file. */
export class SummaryPage {
  readonly #parts: Part[] = []

  addHeading(content: HtmlPart, level: 3 | 4 = 3): this {
    const heading = level === 3 ? markup`<h3>${content}</h3>` : markup`<h4>${content}</h4>`
    return this.#line(heading)
  }

  /** A paragraph: text is escaped, `Html` goes in as it is. */
  addParagraph(content: HtmlPart): this {
    return this.#line(markup`<p>${content}</p>`)
  }

  /** A block (a preview, the requests) that may be left out, as `what`, to fit the budget. */
  addOptional(what: string, content: Html): this {
    this.#parts.push({ kind: 'line', markup: markup`<div>${content}</div>`, optional: true, what })
    return this
  }

  /** A table whose rows (of `what`, oldest first) may be left out, oldest first, to fit. */
  addTable(header: string[], rows: HtmlPart[][], what: string): this {
    const cells = (row: HtmlPart[], tag: 'th' | 'td') =>
      joinHtml(row.map(c => (tag === 'th' ? markup`<th>${c}</th>` : markup`<td>${c}</td>`)))
    this.#parts.push({
      kind: 'table',
      header: markup`<tr>${cells(header, 'th')}</tr>`,
      rows: rows.map(row => markup`<tr>${cells(row, 'td')}</tr>`),
      what
    })
    return this
  }

  #line(markup: Html): this {
    this.#parts.push({ kind: 'line', markup, optional: false })
    return this
  }

  /** The page as the summary file's text, at most `budget` UTF-8 bytes. */
  render(budget: number = SUMMARY_BUDGET): string {
    const whole = this.#parts.map(part => lineOf(part, part.kind === 'table' ? part.rows : []))
    const text = asText(whole)
    if (bytes(text) <= budget) return text
    const cut = asText(fit(this.#parts, budget))
    if (bytes(cut) <= budget) return cut
    const notice = asText([markup`<p>The summary is left out: ${WHY}.</p>`])
    return bytes(notice) <= budget ? notice : ''
  }
}

function asText(lines: Html[]): string {
  return lines.length > 0 ? `${lines.map(String).join('\n')}\n` : ''
}

function bytes(text: string | Html): number {
  return Buffer.byteLength(String(text), 'utf8')
}

/** One part's line, a table with the rows given (and a note on those it lacks). */
function lineOf(part: Part, rows: Html[]): Html {
  if (part.kind === 'line') return part.markup
  const left = part.rows.length - rows.length
  const note =
    left > 0 ? markup`<p><i>${left} older ${part.what} left out: ${WHY}.</i></p>` : markup``
  return markup`${note}<table>${part.header}${joinHtml(rows)}</table>`
}

function leftOutNote(what: string): Html {
  return markup`<p><i>${what} is left out: ${WHY}.</i></p>`
}

/**
 * Cuts the parts to `budget`: the fixed lines first, in page order (a line too big for what is
 * left is replaced by a note); then the optional blocks and tables' rows in page order, a table's
 * newest rows first. Room for every note is kept before anything is placed.
 */
function fit(parts: Part[], budget: number): Html[] {
  const noteOf = (part: Part): Html =>
    part.kind === 'table'
      ? markup`<p><i>${part.rows.length} older ${part.what} left out: ${WHY}.</i></p>`
      : leftOutNote(part.kind === 'line' && part.optional ? part.what : 'This part')
  // Each line and its newline, each note, and each table's scaffolding are counted up front.
  let left = budget - parts.reduce((sum, part) => sum + bytes(noteOf(part)) + 1, 0)
  const chosen = parts.map<Html | Html[] | undefined>(part =>
    part.kind === 'table' ? [] : undefined
  )
  const take = (markup: Html): boolean => {
    const size = bytes(markup)
    if (size > left) return false
    left -= size
    return true
  }
  parts.forEach((part, i) => {
    if (part.kind === 'table') {
      if (!take(lineOf(part, []))) chosen[i] = undefined
    } else if (!part.optional && take(part.markup)) chosen[i] = part.markup
  })
  parts.forEach((part, i) => {
    const rows = chosen[i]
    if (part.kind === 'table' && Array.isArray(rows)) {
      for (let r = part.rows.length - 1; r >= 0; r--) {
        const row = part.rows[r] as Html
        if (!take(row)) break
        rows.unshift(row)
      }
    } else if (part.kind === 'line' && part.optional && take(part.markup)) {
      chosen[i] = part.markup
    }
  })
  return parts.map((part, i) => {
    const kept = chosen[i]
    if (kept === undefined) return noteOf(part)
    return Array.isArray(kept) ? lineOf(part, kept) : kept
  })
}

/** The budget left in the step's summary file: what earlier writers put there counts too. */
export async function summaryBudget(file: string): Promise<number> {
  const { size } = await stat(file).catch(() => ({ size: 0 }))
  return Math.max(0, SUMMARY_BUDGET - size)
}
