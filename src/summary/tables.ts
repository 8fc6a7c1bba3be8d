/** Helpers for the job summary page, which people read: escaped, short, pleasant. */
import type { ChatworkMessage } from '../chatwork/answers.js'
import { utcTime } from '../format.js'
import type { HtmlPart } from './html.js'
import { previewHtml, type Names } from './preview.js'

/** Longer bodies are cut in the fetch table (a cut tag shows as text). */
const BODY_PREVIEW = 2000

/** The columns of a table of messages. */
export const MESSAGE_COLUMNS = ['Time (UTC)', 'Author', 'Message']

/** The authors of these messages, by account id: names for the previews' mentions. */
export function namesOf(messages: ChatworkMessage[], more: Iterable<[string, string]> = []): Names {
  const names = new Map(more)
  for (const m of messages) names.set(String(m.account.account_id), m.account.name)
  return names
}

/** One row per message, oldest first: when (a time out of range as the server sent it), who, what. */
export function messageRows(
  messages: ChatworkMessage[],
  names: Names = namesOf(messages)
): HtmlPart[][] {
  return messages.map(m => [
    utcTime(m.send_time) ?? String(m.send_time),
    m.account.name,
    previewHtml(shorten(m.body), names, { collapseQuotes: true })
  ])
}

function shorten(text: string): string {
  return text.length > BODY_PREVIEW ? `${text.slice(0, BODY_PREVIEW - 1)}…` : text
}
