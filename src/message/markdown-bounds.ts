/**
 * What the Markdown parser is given, bounded by the text's structure before it parses, so that
 * no text (an issue comment, a release body) can make it run for minutes or fill the memory,
 * whatever the machine's load. Measured line by line on the raw text, always erring on the
 * side of counting too much:
 *
 * - length: the parser is linear in it, our conversion too;
 * - nesting: block quotes and lists nested on one line (`> > >`, `* * * x`) or by indentation
 *   make micromark's container handling grow faster than the text, and overflow the stack;
 * - emphasis and link delimiters per paragraph: micromark looks for each closing `*`, `_`, `~`
 *   or `]` back through every earlier token of its paragraph (it keeps no "openers bottom"
 *   like cmark), so delimiters that never match (`*a_*a_…`) cost the square of their number;
 * - table cells: every row is padded to the widest row, so a wide header over many short rows
 *   is rows × columns cells.
 */

/** GitHub's longest release body is 125,000 characters. */
const MAX_LENGTH = 150_000
/** Levels of quotes and lists; Chatwork shows few, people write fewer than ten. */
const MAX_DEPTH = 32
/** The sum, over paragraphs, of the square of their delimiter count. */
const MAX_DELIMITER_WORK = 25_000_000
/** Cells of all tables together, counting every row as wide as the table's widest. */
const MAX_TABLE_CELLS = 10_000

/** Why a text is beyond the bounds, as the end of a sentence; undefined when within them. */
export function markdownExcess(text: string): string | undefined {
  if (text.length > MAX_LENGTH) {
    return `it has ${text.length} characters (at most ${MAX_LENGTH})`
  }
  const lines = text.split('\n')
  return deepLine(lines) ?? delimiterExcess(lines) ?? tableExcess(lines)
}

/** `> `, `- `, `* `, `+ `, `1. `, `1) `, with what stands before it. */
const CONTAINER_MARKER = /^[ \t]*(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))/

/** The line's container prefix: how many markers, and how many columns of white space. */
function prefixOf(line: string): { markers: number; columns: number; rest: string } {
  let markers = 0
  let columns = 0
  let rest = line
  for (;;) {
    const match = CONTAINER_MARKER.exec(rest)
    const space = /^[ \t]*/.exec(rest)?.[0] ?? ''
    columns += columnsOf(space)
    if (!match) return { markers, columns, rest: rest.slice(space.length) }
    markers++
    rest = rest.slice(match[0].length)
  }
}

function columnsOf(space: string): number {
  let columns = 0
  for (const char of space) columns += char === '\t' ? 4 : 1
  return columns
}

/**
 * A list level takes two columns at least: markers on the line plus half its indentation
 * bound the depth of the containers it opens (lines with no marker open none).
 */
function deepLine(lines: string[]): string | undefined {
  for (const [index, line] of lines.entries()) {
    const { markers, columns } = prefixOf(line)
    const depth = markers === 0 ? 0 : markers + Math.floor(columns / 2)
    if (depth > MAX_DEPTH) {
      return `it nests quotes or lists about ${depth} levels deep on line ${index + 1} (at most ${MAX_DEPTH})`
    }
  }
  return undefined
}

/** Runs of `*`, `_` or `~`, and every bracket: what emphasis and links are resolved from. */
const DELIMITER = /\*+|_+|~+|[[\]]/g

/**
 * Delimiters counted per paragraph. A paragraph ends at a blank line, an ATX heading, or a
 * line that starts a list item for certain: a bullet or `1.` with at most three columns of
 * indentation, or a marker at most three columns right of where the paragraph's own item
 * starts its content (a sibling or a child). Any other line may continue the paragraph, so it
 * is counted with it.
 */
function delimiterExcess(lines: string[]): string | undefined {
  let work = 0
  let count = 0
  let start = 0
  let item: { content: number; ordered: boolean; indent: number } | undefined
  for (const [index, line] of lines.entries()) {
    const { rest } = prefixOf(line)
    const marker = itemStart(line)
    const splits =
      rest.trim() === '' ||
      /^ {0,3}#{1,6}(?:[ \t]|$)/.test(stripQuotes(line)) ||
      (marker !== undefined && startsParagraph(marker, item))
    if (splits) {
      work += count * count
      count = 0
      start = index
      item = marker
    }
    count += (rest.match(DELIMITER) ?? []).length
    if (work + count * count > MAX_DELIMITER_WORK) {
      return `it has ${count} emphasis or link delimiters (*, _, ~, [, ]) in the paragraph from line ${start + 1}, too many to resolve`
    }
  }
  return undefined
}

function stripQuotes(line: string): string {
  return line.replace(/^(?: {0,3}>[ \t]?)+/, '')
}

/** Where a line's first list marker stands, and where the item's content starts. */
function itemStart(
  line: string
): { content: number; ordered: boolean; indent: number; first: boolean } | undefined {
  const match = /^([ \t]*)(?:([-+*])|(\d{1,9})[.)])([ \t]+)\S/.exec(stripQuotes(line))
  if (!match) return undefined
  const indent = columnsOf(match[1] ?? '')
  const marker = match[2] ?? `${match[3] ?? ''}.`
  const space = columnsOf(match[4] ?? '')
  return {
    indent,
    content: indent + marker.length + (space > 4 ? 1 : space),
    ordered: match[2] === undefined,
    first: match[2] !== undefined || Number(match[3]) === 1
  }
}

/** Whether a list marker line starts a new paragraph for certain (see delimiterExcess). */
function startsParagraph(
  marker: { indent: number; ordered: boolean; first: boolean },
  item: { content: number; ordered: boolean; indent: number } | undefined
): boolean {
  // A sibling item of the paragraph's own list.
  if (item && marker.indent === item.indent && marker.ordered === item.ordered) return true
  // An ordered item that is not numbered 1 cannot interrupt a paragraph.
  if (!marker.first) return false
  if (marker.indent <= 3) return true
  return item !== undefined && marker.indent >= item.content && marker.indent <= item.content + 3
}

/** A table's delimiter row: pipes, dashes, colons, spaces, with a pipe and a dash. */
const DELIMITER_ROW = /^[ \t]*[|:-][ \t|:-]*$/

/**
 * Each table as its rows (from its header to the next blank line) times its widest row's
 * cells, counted by pipes.
 */
function tableExcess(lines: string[]): string | undefined {
  let cells = 0
  for (let i = 1; i < lines.length; i++) {
    const row = stripQuotes(lines[i] ?? '')
    if (!DELIMITER_ROW.test(row) || !row.includes('|') || !row.includes('-')) continue
    let end = i + 1
    while (end < lines.length && stripQuotes(lines[end] ?? '').trim() !== '') end++
    const table = lines.slice(i - 1, end)
    const columns = Math.max(...table.map(line => (line.match(/\|/g) ?? []).length + 1))
    cells += table.length * columns
    if (cells > MAX_TABLE_CELLS) {
      return `its tables have about ${cells} cells with the table from line ${i} (${table.length} rows, ${columns} columns; at most ${MAX_TABLE_CELLS} cells in all)`
    }
    i = end
  }
  return undefined
}
