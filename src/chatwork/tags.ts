/**
 * Chatwork's tags, in one table: the canonical names the API writes, and the localized forms
 * that the web editor shows and some clients post (`[返信 aid=… to=…]` for `[rp …]`,
 * `[引用 …]…[/引用]` for a quote). The notation reader, the pasted-text check and the summary's
 * preview read from here, so a tag learnt once is known to each of them.
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
const ALL_TAG_NAMES: readonly string[] = [
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
