/**
 * Builds the final message body: the rendered template, wrapped in an info box when `title` is
 * set, after the mentions (`[toall]`, `[To:id]`), which stay outside the box so they notify,
 * and after the reply header when the message replies to one.
 */
import { Input, MAX_BODY_LENGTH } from '../constants.js'
import { InputError } from '../errors.js'
import { refusePastedPayload } from './injection.js'
import type { AccountMap } from '../inputs/recipients.js'
import type { MessageSpec, MessageText, Template } from '../inputs/settings.js'
import { renderTemplate } from './template.js'
import type { TemplateContext } from '../inputs/github-context.js'

/** What a template rendered to, before a reply header: the mentions and the (boxed) text. */
export interface Composed {
  mentions: string
  content: string
  /** The rendered `message` alone, to tell whether the title and mentions added to it. */
  text: string
  /** The input the text came from, for the errors. */
  source: string
}

/** The body of a message, without a reply header: what `task`, `update` and `ask` post. */
export async function composeMessage(
  settings: MessageText & Partial<Pick<MessageSpec, 'to' | 'toAll'>>,
  context: TemplateContext,
  warn: (message: string) => void = () => {}
): Promise<string> {
  return messageBody(await renderMessage(settings, context, warn), { warn })
}

/**
 * The template and title rendered (the pasted-payload check first), and the mentions: every
 * input error of the text, before any request. messageBody makes the body of it.
 */
export async function renderMessage(
  settings: MessageText & Partial<Pick<MessageSpec, 'to' | 'toAll'>>,
  context: TemplateContext,
  warn: (message: string) => void = () => {}
): Promise<Composed> {
  const { to = [], toAll = false, accountMap } = settings
  refusePastedPayload(
    [settings.template, settings.title].filter(t => t !== undefined).filter(t => !t.builtIn),
    context.github
  )
  const text = trimEnd(await render(settings.template, context, warn, accountMap))
  const title = trimEnd(await render(settings.title, context, warn, accountMap))
  const content = settings.title ? `[info][title]${title}[/title]${text}[/info]` : text
  const mentions = `${toAll ? '[toall]' : ''}${to.map(id => `[To:${id}]`).join('')}`
  const source = settings.template?.input ?? settings.title?.input ?? Input.message
  if (settings.template && text.trim() === '' && !settings.title && !mentions) {
    throw new InputError(
      `Input '${source}' rendered to an empty message; Chatwork needs at least one character.`
    )
  }
  return { mentions, content, text, source }
}

/**
 * The body as Chatwork gets it, built here and nowhere else: the reply header (`reply-to`, and
 * ask's announcement; chatwork/notation.ts writes it) on the first line, then the mentions,
 * then the text; and the one check of its length against Chatwork's limit.
 */
export function messageBody(
  { mentions, content, text, source }: Composed,
  { reply, warn = () => {} }: { reply?: string; warn?: (message: string) => void } = {}
): string {
  const composed = mentions && content ? `${mentions}\n${content}` : mentions || content
  const body = reply ? (composed ? `${reply}\n${composed}` : reply) : composed
  if (body.length > MAX_BODY_LENGTH) {
    throw new InputError(
      composed.length > MAX_BODY_LENGTH || !reply
        ? `Input '${source}' rendered to ${composed.length} characters${composed === text ? '' : ' with the title and mentions'}; Chatwork accepts at most ${MAX_BODY_LENGTH}. Shorten the template or truncate long values, e.g. {{ value | truncate: 1000 }}.`
        : `The message with the reply header for '${Input.replyTo}' has ${body.length} characters; Chatwork accepts at most ${MAX_BODY_LENGTH}. Shorten the message.`
    )
  }
  const bytes = Buffer.byteLength(body, 'utf8')
  if (bytes > MAX_BODY_LENGTH) {
    warn(
      `Input '${source}' rendered to ${body.length} characters but ${bytes} UTF-8 bytes; Chatwork documents its limit of ${MAX_BODY_LENGTH} without a unit, and refuses the message should it count bytes. Keep the message under ${MAX_BODY_LENGTH} bytes to be safe (a Japanese character takes 3).`
    )
  }
  return body
}

function render(
  template: Template | undefined,
  context: TemplateContext,
  warn: (message: string) => void,
  accountMap: AccountMap | undefined
): Promise<string> {
  return template
    ? renderTemplate(template.text, context, template.input, warn, accountMap)
    : Promise.resolve('')
}

/**
 * Without trailing white space (`message: |` ends with a line break, which would stand before
 * `[/info]`), unless the text ends inside a `[code]` block, whose content is kept byte-exact.
 */
function trimEnd(text: string): string {
  const open = text.lastIndexOf('[code]')
  return open > text.lastIndexOf('[/code]') ? text : text.trimEnd()
}
