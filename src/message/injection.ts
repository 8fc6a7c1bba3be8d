/**
 * Refuses templates into which a workflow expression pasted text that someone outside the team
 * wrote. `message: "New PR: ${{ github.event.pull_request.title }}"` is substituted by the runner
 * before the action starts, so a title such as `{{ env.DEPLOY_KEY }}` or `[toall]` would become
 * template code or Chatwork notation. An expression can paste a field whole, part of it (a
 * commit subject of `head_commit.message`), JSON-escaped (`toJSON`), or joined with other text
 * (`format`, `join`): whatever it did, every Liquid token and Chatwork tag it brought is in the
 * template and inside an event string. So the check is turned around: each dangerous token of
 * the template is searched for inside the event's strings, and one found there is refused.
 */
import { InputError } from '../errors.js'
import {
  eventStrings,
  jsonEscaped,
  type EventSource,
  type EventString
} from '../inputs/event-strings.js'
import { quote } from '../format.js'
import { tagAlternation } from '../chatwork/tags.js'
import { pastedIntoTemplate } from '../texts.js'

interface TemplateSource {
  text: string
  /** The input it came from: `message`, `message-file` or `title`. */
  input: string
}

/** Chatwork's tags (an opening or closing tag of its notation), by name, localized forms too. */
const TAG_NAMES = tagAlternation()

/**
 * A Liquid output or tag (to its end, or to the end of the text when it is not closed), or a
 * Chatwork tag with its parameters. LiquidJS ends a token at its first closing delimiter outside
 * quotes; ending it at the first one regardless only cuts a token short, and a part of a pasted
 * token is pasted text too.
 */
const TOKEN = new RegExp(
  `\\{\\{[\\s\\S]*?(?:\\}\\}|$)|\\{%[\\s\\S]*?(?:%\\}|$)|\\[\\/?(?:${TAG_NAMES})(?=[\\]\\s:=])[^[\\]\\n]{0,200}\\]?`,
  'gi'
)

/** The inside of a Chatwork tag: what `[${{ github.head_ref }}]` makes a tag of. */
const TAG_INSIDE = new RegExp(`^\\/?(?:${TAG_NAMES})(?:[\\s:=][^[\\]]*)?$`, 'i')

/** A Liquid literal: a quoted string or a number. */
const LITERAL = String.raw`(?:"[^"]*"|'[^']*'|-?\d+(?:\.\d+)?)`

/**
 * The safe form the error recommends: `{{ github.… }}` with filters whose arguments are literals.
 * Its value is printed escaped, and the `github` context is the event's own, public text, so it
 * is no grounds for refusal by itself: a pull request body that quotes the team's
 * `{{ github.event.pull_request.title }}` does not break the notification.
 */
const SAFE_PRINT = new RegExp(
  String.raw`^\{\{-?\s*github(?:\.[A-Za-z_][\w-]*|\[\s*(?:\d+|"[^"]*"|'[^']*')\s*\])*\s*` +
    String.raw`((?:\|\s*[A-Za-z_]\w*\s*(?::\s*${LITERAL}(?:\s*,\s*${LITERAL})*)?\s*)*)-?\}\}$`
)
/** Filters whose output is not escaped: a pasted `| raw` would print a field's tags as tags. */
const UNESCAPED_FILTERS = new Set(['raw', 'chatwork_to'])

interface Token {
  input: string
  text: string
  /** Without white space and in lower case, as it is compared. */
  key: string
}

/**
 * Throws an InputError naming the event field when a Liquid token or a Chatwork tag of a
 * template occurs inside a string of the event, or a field's unclosed token is how a template
 * token begins. `workflow_dispatch` inputs are exempt (see event-strings.ts).
 */
export function refusePastedPayload(templates: TemplateSource[], source: EventSource): void {
  const tokens = dangerousTokens(templates)
  if (tokens.length === 0) return
  const strings = eventStrings(source)
  const searched = searchedForms(strings)
  const haystack = new Haystack(searched)
  for (const token of tokens) {
    const found = haystack.find(token.key)
    if (found) throw pasted(token, found, 'contains')
  }
  for (const tail of unclosedTails(searched)) {
    const token = tokens.find(t => t.key.startsWith(tail.key))
    if (token) throw pasted(token, tail.string, 'opens')
  }
  const whole = new Map(
    strings.filter(s => TAG_INSIDE.test(s.value.trim())).map(s => [normalise(s.value), s])
  )
  for (const token of tokens) {
    const inside = /^\[(.*)\]$/s.exec(token.key)?.[1]
    const found = inside === undefined ? undefined : whole.get(inside)
    if (found) throw pasted(token, found, 'is inside')
  }
}

/** The templates' Liquid tokens and Chatwork tags, once each, but for the safe form. */
function dangerousTokens(templates: TemplateSource[]): Token[] {
  const tokens = new Map<string, Token>()
  for (const { text, input } of templates) {
    for (const [match] of text.matchAll(TOKEN)) {
      const key = normalise(match)
      if (!tokens.has(key) && !isSafePrint(match)) tokens.set(key, { input, text: match, key })
    }
  }
  return [...tokens.values()]
}

function isSafePrint(token: string): boolean {
  const filters = SAFE_PRINT.exec(token)?.[1]
  if (filters === undefined) return false
  const names = [...filters.matchAll(/\|\s*([A-Za-z_]\w*)/g)].map(m => m[1] ?? '')
  return !names.some(name => UNESCAPED_FILTERS.has(name))
}

/** Without white space, white-space control (`{{-`, `-%}`) and case: how tokens are compared. */
function normalise(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/([{%][{%])-|-([}%][}%])/g, '$1$2')
    .toLowerCase()
}

interface Form {
  /** Normalised, as it is or as toJSON escapes it. */
  text: string
  string: EventString
}

/** The event strings that can hold a token (they have `{` or `[`), in their searched forms. */
function searchedForms(strings: EventString[]): Form[] {
  const result: Form[] = []
  for (const string of strings) {
    if (!/[{[]/.test(string.value)) continue
    result.push({ text: normalise(string.value), string })
    const escaped = jsonEscaped(string.value)
    if (escaped !== undefined) result.push({ text: normalise(escaped), string })
  }
  return result
}

/**
 * The searched forms joined into one text: each token is then one `indexOf` over the event,
 * however large the payload.
 */
class Haystack {
  private readonly text: string
  private readonly starts: number[] = []
  private readonly owners: EventString[] = []

  constructor(forms: Form[]) {
    const pieces: string[] = []
    let at = 0
    for (const { text, string } of forms) {
      this.starts.push(at)
      this.owners.push(string)
      pieces.push(text)
      at += text.length + 1
    }
    // NUL is in no token of a template (it is not text anyone writes): no match spans two.
    this.text = pieces.join('\0')
  }

  find(key: string): EventString | undefined {
    const index = this.text.indexOf(key)
    if (index < 0) return undefined
    let low = 0
    let high = this.starts.length - 1
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if ((this.starts[middle] ?? 0) <= index) low = middle
      else high = middle - 1
    }
    return this.owners[low]
  }
}

/**
 * Liquid tokens that a string opens and does not close (`Fix {{ env.DEPLOY_KEY | append: "`):
 * pasted before a template's own `}}`, they become a token that no event string holds whole.
 * From the first opening delimiter after the string's last closing one, found in linear time.
 */
function unclosedTails(forms: Form[]): { key: string; string: EventString }[] {
  const tails: { key: string; string: EventString }[] = []
  for (const { text, string } of forms) {
    const last = Math.max(text.lastIndexOf('}}'), text.lastIndexOf('%}'))
    const closed = last < 0 ? 0 : last + 2
    const opens = [text.indexOf('{{', closed), text.indexOf('{%', closed)].filter(i => i >= 0)
    if (opens.length === 0) continue
    const key = text.slice(Math.min(...opens))
    // A bare `{{` at the end of a text is no token yet; it would match every template.
    if (key.length > 2) tails.push({ key, string })
  }
  return tails
}

function pasted(token: Token, { path, value }: EventString, how: string): InputError {
  const relation =
    how === 'contains'
      ? `whose text ${quote(token.text)} is inside ${path} (${quote(value)})`
      : how === 'opens'
        ? `whose ${quote(token.text)} begins with text that ${path} (${quote(value)}) leaves open`
        : `whose tag ${quote(token.text)} is made of ${path} (${quote(value)})`
  return new InputError(pastedIntoTemplate(token.input, path, relation))
}
