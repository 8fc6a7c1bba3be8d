/** Helpers for the job summary page, which people read: escaped, short, pleasant. */
import type { summary } from './runner.js'
import type { ChatworkMessage } from './chatwork/types.js'

type SummaryTableRow = Parameters<typeof summary.addTable>[0][number]

const BODY_PREVIEW = 300

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

export function messageTable(messages: ChatworkMessage[]): SummaryTableRow[] {
  const header: SummaryTableRow = [
    { data: 'Time (UTC)', header: true },
    { data: 'Author', header: true },
    { data: 'Message', header: true }
  ]
  return [
    header,
    ...messages.map(m => [
      new Date(m.send_time * 1000).toISOString().replace('T', ' ').slice(0, 19),
      htmlText(m.account.name),
      htmlText(shorten(m.body))
    ])
  ]
}

function shorten(text: string): string {
  return text.length > BODY_PREVIEW ? `${text.slice(0, BODY_PREVIEW - 1)}…` : text
}
