/** HTML for the job summary: escaped text that stays one HTML block. */

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
}

/**
 * Text as HTML on one line: escaped, every line break (`\r\n`, `\r`, `\n`) as `<br>`. A
 * blank line inside an HTML block would end it, and what follows would be read as Markdown.
 */
export function htmlText(text: string): string {
  return escapeHtml(text).replace(/\r\n|\r|\n/g, '<br>')
}

/** A message body as a preformatted block of the summary. */
export function htmlBlock(text: string): string {
  return `<pre>${htmlText(text)}</pre>`
}
