/**
 * The message inputs of send, update, task and ask: the template (`message` or `message-file`),
 * the title, the mentions (`to`, `to-all`, `account-map`), and send's `file`.
 */
import * as runner from '../runner.js'
import { Input, MAX_FILE_BYTES } from '../constants.js'
import { InputError } from '../errors.js'
import { quote } from '../format.js'
import { readJobFile } from './files.js'
import { isAccountId, parseBoolean, splitList } from './parse.js'
import type { AccountMap } from './recipients.js'
import type { Attachment, MessageSpec, MessageText, Template } from './settings.js'
import { input, read } from './source.js'

/** The message of send and update; `optional` for send (a file alone, or the default). */
export async function readMessageInputs(
  mode: string,
  options: { optional?: boolean } = {}
): Promise<MessageSpec> {
  const text = await readText(mode, options)
  return {
    ...text,
    to: await readRecipients(text.accountMap),
    toAll: parseBoolean(Input.toAll, read(Input.toAll))
  }
}

/** The template, the title and the account map: what send, update and task have in common. */
export async function readText(
  mode: string,
  { optional = false }: { optional?: boolean } = {}
): Promise<MessageText> {
  const template = readTemplate()
  if (!template && !optional) {
    throw new InputError(
      `Input '${Input.message}' (or '${Input.messageFile}') is required for mode '${mode}'.`
    )
  }
  const title = input(Input.title, { trimWhitespace: false })
  return {
    template,
    title: title.trim() ? { text: title, input: Input.title } : undefined,
    accountMap: await readAccountMap()
  }
}

/** `account-map`, parsed by a module loaded only when the input is set. */
export async function readAccountMap(): Promise<AccountMap | undefined> {
  const value = input(Input.accountMap, { trimWhitespace: false })
  if (value.trim() === '') return undefined
  const { parseAccountMap } = await import('./account-map.js')
  return parseAccountMap(value)
}

/**
 * `to`: account ids, and with `account-map`, GitHub logins (resolved by a module loaded only
 * then, or to explain a login given without a map).
 */
export async function readRecipients(map: AccountMap | undefined): Promise<string[]> {
  const items = splitList(input(Input.to))
  if (!map && items.every(isAccountId)) return [...new Set(items)]
  const { resolveRecipients } = await import('./recipients.js')
  return resolveRecipients(items, map, message => runner.warning(message))
}

/** `message-file` is refused over 1 MB, before it is read. */
const MAX_MESSAGE_FILE_BYTES = 1024 * 1024

/** The message template from `message` or from the file `message-file` names; not both. */
function readTemplate(): Template | undefined {
  const message = input(Input.message, { trimWhitespace: false })
  const messageFile = input(Input.messageFile)
  if (message.trim() && messageFile) {
    throw new InputError(
      `Inputs '${Input.message}' and '${Input.messageFile}' are both set; use one of them.`
    )
  }
  if (messageFile) {
    const { content } = readJobFile(
      Input.messageFile,
      messageFile,
      MAX_MESSAGE_FILE_BYTES,
      'a message file may have at most 1 MB'
    )
    const text = content.toString('utf8')
    if (!text.trim()) {
      throw new InputError(
        `Input '${Input.messageFile}' is ${quote(messageFile)}: the file is empty.`
      )
    }
    return { text, input: Input.messageFile }
  }
  return message.trim() ? { text: message, input: Input.message } : undefined
}

export function readAttachment(): Attachment | undefined {
  const value = input(Input.file)
  if (!value) return undefined
  const file = readJobFile(Input.file, value, MAX_FILE_BYTES, 'Chatwork accepts files up to 5 MB')
  if (file.content.length === 0) {
    throw new InputError(`Input '${Input.file}' is ${quote(value)}: the file is empty.`)
  }
  return { name: file.name, content: file.content }
}
