/**
 * The bodies Chatwork's buttons and system notices write, and which accounts a body notifies.
 */
import type { Account, StoredMessage } from './types.js'

/**
 * The accounts a body notifies, as Chatwork's notation would: [To:id], [rp aid=id], [toall];
 * localized reply and quote tags ([返信 …], [引用]…[/引用]) as their canonical forms.
 */
export function mentions(body: string): { to: number[]; toAll: boolean } {
  const outsideQuotes = unlocalizedTags(body).replace(/\[qt\][\s\S]*?\[\/qt\]/g, '')
  const to = [...outsideQuotes.matchAll(/\[(?:To:|rp aid=)(\d+)/g)].map(m => Number(m[1]))
  return { to, toAll: /\[toall\]/i.test(outsideQuotes) }
}

/**
 * How a button writes the name after its tag: as is, after a space (some clients), or with
 * `さん` (the Japanese interface). The API adds none of them; the person's client does.
 */
export type NameStyle = 'Name' | ' Name' | 'Nameさん'

export interface ButtonOptions {
  /** the line break after the name; `\n` unless told */
  newline?: string
  name?: NameStyle
}

function named(account: Account, style: NameStyle = 'Name'): string {
  if (style === ' Name') return ` ${account.name}`
  return style === 'Nameさん' ? `${account.name}さん` : account.name
}

/**
 * What Chatwork's Reply button makes: `[rp aid={author} to={room}-{message}]{author name}`, a
 * line break, then the text.
 */
export function replyBody(
  roomId: number,
  original: StoredMessage,
  text: string,
  options: ButtonOptions = {}
): string {
  const header = `[rp aid=${original.account.account_id} to=${roomId}-${original.message_id}]`
  return `${header}${named(original.account, options.name)}${options.newline ?? '\n'}${text}`
}

/** What Chatwork's To button makes: `[To:{id}]{name}`, a line break, then the text. */
export function mentionBody(to: Account, text: string, options: ButtonOptions = {}): string {
  return `[To:${to.account_id}]${named(to, options.name)}${options.newline ?? '\n'}${text}`
}

/** The localized forms of reply and quote tags that Chatwork's editor shows. */
const LOCALIZED: readonly [RegExp, string][] = [
  [/\[(?:返信|Reply) aid=/g, '[rp aid='],
  [/\[(?:引用|Quote) ([^\]]*)\]/g, '[qt][qtmeta $1]'],
  [/\[(?:引用|Quote)\]/g, '[qt]'],
  [/\[\/(?:引用|Quote)\]/g, '[/qt]']
]

export function hasLocalizedTags(body: string): boolean {
  return LOCALIZED.some(([pattern]) => new RegExp(pattern.source).test(body))
}

/** The body with localized reply and quote tags written as `[rp …]` and `[qt]…[/qt]`. */
export function unlocalizedTags(body: string): string {
  return LOCALIZED.reduce((text, [pattern, tag]) => text.replace(pattern, tag), body)
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

/** A task notice without any `[task]` tag: the localized text a client might be shown. */
export function unreadableTaskNotice(body: string): string {
  return `[info][title]タスクを追加しました[/title]${body}[/info]`
}
