/** Helpers for the job summary page, which people read: escaped, short, pleasant. */
import type { summary } from './runner.js'
import type { ChatworkMessage } from './chatwork/types.js'
import { htmlText } from './html.js'
import { previewHtml, type Names } from './preview.js'

type SummaryTableRow = Parameters<typeof summary.addTable>[0][number]

/** Longer bodies are cut in the fetch table (a cut tag shows as text). */
const BODY_PREVIEW = 2000

/** The authors of these messages, by account id: names for the previews' mentions. */
export function namesOf(messages: ChatworkMessage[], more: Iterable<[string, string]> = []): Names {
  const names = new Map(more)
  for (const m of messages) names.set(String(m.account.account_id), m.account.name)
  return names
}

export function messageTable(
  messages: ChatworkMessage[],
  names: Names = namesOf(messages)
): SummaryTableRow[] {
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
      previewHtml(shorten(m.body), names, { collapseQuotes: true })
    ])
  ]
}

function shorten(text: string): string {
  return text.length > BODY_PREVIEW ? `${text.slice(0, BODY_PREVIEW - 1)}…` : text
}
