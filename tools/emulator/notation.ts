/**
 * The bodies Chatwork's buttons and system notices write, and which accounts a body notifies.
 */
import type { Account, StoredMessage } from './types.js'

/** The accounts a body notifies, as Chatwork's notation would: [To:id], [rp aid=id], [toall]. */
export function mentions(body: string): { to: number[]; toAll: boolean } {
  const outsideQuotes = body.replace(/\[qt\][\s\S]*?\[\/qt\]/g, '')
  const to = [...outsideQuotes.matchAll(/\[(?:To:|rp aid=)(\d+)/g)].map(m => Number(m[1]))
  return { to, toAll: /\[toall\]/i.test(outsideQuotes) }
}

/**
 * What Chatwork's Reply button makes: `[rp aid={author} to={room}-{message}]{author name}`, a
 * line break, then the text.
 */
export function replyBody(roomId: number, original: StoredMessage, text: string, newline: string) {
  const header = `[rp aid=${original.account.account_id} to=${roomId}-${original.message_id}]${original.account.name}`
  return `${header}${newline}${text}`
}

/** What Chatwork's To button makes: `[To:{id}]{name}`, a line break, then the text. */
export function mentionBody(to: Account, text: string): string {
  return `[To:${to.account_id}]${to.name}\n${text}`
}

/** What quoting makes: `[qt][qtmeta aid=… time=…]…[/qt]`, then the text. */
export function quoteBody(quoted: StoredMessage, text: string): string {
  const block = `[qt][qtmeta aid=${quoted.account.account_id} time=${quoted.send_time}]${quoted.body}[/qt]`
  return `${block}\n${text}`
}

/** The message announcing new tasks: a `[task]` per assignee. */
export function taskNotice(assignees: number[], body: string, limitTime: number): string {
  const marks = assignees
    .map(aid => `[task aid=${aid} st=open lt=${limitTime}]${body}[/task]`)
    .join('')
  return `[info][title][dtext:task_added][/title]${marks}[/info]`
}

/** The message announcing an upload, after the optional text sent with it. */
export function uploadNotice(fileId: number, filename: string, message: string | undefined) {
  const notice = `[info][title][dtext:file_uploaded][/title][download:${fileId}]${filename}[/download][/info]`
  return message ? `${message}\n${notice}` : notice
}
