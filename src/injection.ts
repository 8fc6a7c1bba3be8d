/**
 * Refuses templates into which a workflow expression pasted text that someone outside the team
 * wrote. `message: "New PR: ${{ github.event.pull_request.title }}"` is substituted by the runner
 * before the action starts, so a title such as `{{ env.DEPLOY_KEY }}` or `[toall]` would become
 * template code or Chatwork notation. The event payload holds that text verbatim: a template
 * that contains a payload string with Liquid syntax or a Chatwork tag is refused, and the error
 * shows the safe form, which the action escapes.
 */
import { InputError } from './errors.js'
import { quote } from './format.js'

interface TemplateSource {
  text: string
  /** The input it came from: `message`, `message-file` or `title`. */
  input: string
}

/** Liquid's delimiters, or '[' and a Chatwork tag name (an opening or closing tag). */
const DANGEROUS =
  /\{\{|\{%|\[\/?(?:toall|to:|rp[\s\]]|qt|info|title|code|hr\]|picon|pname|preview|download|dtext|task|url)/i

/** Payloads are GitHub's JSON; deeper than this is not a webhook payload, and is not walked. */
const MAX_DEPTH = 64

interface Suspect {
  path: string
  value: string
}

/**
 * Throws an InputError naming the payload field when a template contains, verbatim, a string of
 * the event payload that has Liquid syntax or a Chatwork tag. `workflow_dispatch` inputs are
 * exempt: only people with write access set them.
 */
export function refusePastedPayload(
  templates: TemplateSource[],
  payload: unknown,
  eventName: string
): void {
  if (templates.length === 0) return
  const suspects: Suspect[] = []
  collect(payload, 'github.event', 0, suspects, eventName === 'workflow_dispatch')
  for (const template of templates) {
    const found = suspects.find(s => template.text.includes(s.value))
    if (found) throw pasted(template.input, found)
  }
}

function collect(
  value: unknown,
  path: string,
  depth: number,
  into: Suspect[],
  exemptInputs: boolean
): void {
  if (typeof value === 'string') {
    if (DANGEROUS.test(value)) into.push({ path, value })
    return
  }
  if (typeof value !== 'object' || value === null || depth >= MAX_DEPTH) return
  if (Array.isArray(value)) {
    value.forEach((item, i) => collect(item, `${path}[${i}]`, depth + 1, into, false))
    return
  }
  for (const [key, item] of Object.entries(value)) {
    if (exemptInputs && depth === 0 && key === 'inputs') continue
    collect(item, `${path}${member(key)}`, depth + 1, into, false)
  }
}

/** `.title`, or `["odd key"]` for a key that is not a plain name. */
function member(key: string): string {
  return /^[A-Za-z_][\w-]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`
}

function pasted(input: string, { path, value }: Suspect): InputError {
  return new InputError(
    `Input '${input}' contains the text of ${path} (${quote(value)}), which has template syntax or Chatwork notation. ` +
      `A \${{ ${path} }} expression inside '${input}' pastes that text into the template before the action runs, so whoever wrote it could run template code or notify the room. ` +
      `Write {{ ${path} }} instead (without the $): the action prints the value escaped. Nothing was sent.`
  )
}
