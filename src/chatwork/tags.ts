/**
 * Chatwork's tags, in one table: the canonical names the API writes, and the localized forms
 * that the web editor shows and some clients post (`[返信 aid=… to=…]` for `[rp …]`,
 * `[引用 …]…[/引用]` for a quote). The notation reader, the pasted-text check, the escaper of
 * values (`breakTags`, which the templates and the Markdown filter use) and the summary's preview
 * read from here, so a tag learnt once is known to each of them.
 */

/** Every opening or closing tag name of the notation, as the API writes it. */
const TAG_NAMES = [
  'to',
  'rp',
  'toall',
  'info',
  'title',
  'code',
  'hr',
  'qtmeta',
  'qt',
  'piconname',
  'picon',
  'pname',
  'download',
  'preview',
  'task',
  'dtext',
  'deleted',
  'url'
] as const

type TagName = (typeof TAG_NAMES)[number]

/** The localized names Chatwork accepts for a tag, by its canonical name. */
const LOCALIZED_TAGS: Readonly<Partial<Record<TagName, readonly string[]>>> = {
  rp: ['返信', 'Reply'],
  qt: ['引用', 'Quote']
}

/** Every name a tag may have: canonical and localized, longest first (for alternations). */
export const ALL_TAG_NAMES: readonly string[] = [
  ...TAG_NAMES,
  ...Object.values(LOCALIZED_TAGS).flat()
].sort((a, b) => b.length - a.length)

const escape = (name: string) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** `rp|toall|…|返信|Reply|…` for a regular expression. */
export function tagAlternation(names: readonly string[] = ALL_TAG_NAMES): string {
  return names.map(escape).join('|')
}

const localized = (tag: TagName) => tagAlternation(LOCALIZED_TAGS[tag] ?? [])

/**
 * Localized reply and quote tags written as the API writes them: `[返信 aid=1 to=2-3]` as
 * `[rp aid=1 to=2-3]`, `[引用 aid=1 time=2]…[/引用]` as `[qt][qtmeta aid=1 time=2]…[/qt]`.
 * One pass per form, each linear in the text.
 */
const CANONICAL: readonly [RegExp, string][] = [
  [new RegExp(`\\[(?:${localized('rp')}) aid=`, 'gi'), '[rp aid='],
  [new RegExp(`\\[(?:${localized('qt')}) ([^\\]\\[]*)\\]`, 'gi'), '[qt][qtmeta $1]'],
  [new RegExp(`\\[(?:${localized('qt')})\\]`, 'gi'), '[qt]'],
  [new RegExp(`\\[\\/(?:${localized('qt')})\\]`, 'gi'), '[/qt]']
]

export function canonicalTags(body: string): string {
  return CANONICAL.reduce((text, [pattern, tag]) => text.replace(pattern, tag), body)
}

/**
 * Chatwork notation has no escape character. A ZERO WIDTH SPACE (U+200B) right after a tag's '['
 * keeps the text as it reads but stops it from being a tag (the contract probe `escape-zwsp`).
 */
export const NOTATION_BREAK = '\u200B'

/**
 * Whatever Chatwork could read as a tag, generously: a '[', optional spaces, an optional '/',
 * a tag's name in any case, then at once ']', or a space, ':', '=' or '/' and any text without
 * brackets (line breaks too) up to ']'. `[TO:1]`, `[ Info ]`, `[/qt]`, `[rp aid=1 to=2-3]`,
 * `[返信 aid=1]`. A tag holds no '[', so matches never overlap, and each character is looked at
 * by at most one attempt (one way to match spaces): linear in the text.
 */
const TAG = new RegExp(`\\[\\s*(?:\\/\\s*)?(?:${tagAlternation()})(?:[\\s:=/][^\\[\\]]*)?\\]`, 'gi')

/**
 * The text with every tag in it broken: a NOTATION_BREAK after its '['. Every other '[' stays as
 * written (`dependabot[bot]`, `arr[0]`, `[x]`). With `breaks`, only the tags for which it
 * answers true (given the tag's start and end in `text`).
 */
export function breakTags(
  text: string,
  breaks: (start: number, end: number) => boolean = () => true
): string {
  if (!text.includes('[')) return text
  let out = ''
  let from = 0
  for (const tag of text.matchAll(TAG)) {
    if (!breaks(tag.index, tag.index + tag[0].length)) continue
    out += text.slice(from, tag.index + 1) + NOTATION_BREAK
    from = tag.index + 1
  }
  return from === 0 ? text : out + text.slice(from)
}

/** Every name, lower case, for `openAtEnd`. */
const LOWER_NAMES = ALL_TAG_NAMES.map(name => name.toLowerCase())

/**
 * Whether the text ends inside what could still become a tag: a '[' with no ']' after it, then
 * the start of a tag's name (`[T`, `[/in`), or a name and its attributes (`[To:1`, `[rp aid=`).
 */
function openAtEnd(text: string): number | undefined {
  const at = text.lastIndexOf('[')
  if (at < 0 || text.includes(']', at)) return undefined
  const rest = text
    .slice(at + 1)
    .replace(/^\s*(?:\/\s*)?/, '')
    .toLowerCase()
  const open = LOWER_NAMES.some(
    name =>
      name.startsWith(rest) || (rest.startsWith(name) && /[\s:=/]/.test(rest[name.length] ?? ''))
  )
  return open ? at : undefined
}

/**
 * A value standing alone in text the action writes (a display name after a reply header, an
 * answer in an announcement): every tag broken, and a tag left open at its end too, since the
 * text that follows could close it. Inside templates, template.ts breaks tags in the rendered
 * body instead, where it sees what the value stands next to.
 */
export function escapeNotation(value: string): string {
  const broken = breakTags(value)
  const at = openAtEnd(broken)
  return at === undefined
    ? broken
    : `${broken.slice(0, at + 1)}${NOTATION_BREAK}${broken.slice(at + 1)}`
}
