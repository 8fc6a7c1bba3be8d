/**
 * ask's default answers, when `match` / `reject-match` are empty: the whole first line of what
 * the person wrote, compared with one word list (not its first word, so "No problem" and
 * "承認しません" are neither). The README's list is generated from `DEFAULT_WORDS`.
 */
import type { Pattern } from '../../inputs/pattern.js'
import { MAX_MATCH_TEXT } from '../../inputs/pattern.js'
import type { Gate } from '../../inputs/settings.js'

export const DEFAULT_WORDS = {
  approve: ['approve', 'approved', 'lgtm', 'ok', 'yes', '承認', '承認します'],
  reject: ['reject', 'rejected', 'deny', 'denied', 'no', 'ng', '却下', '却下します']
} as const

/** After NFKC, `！` is `!`; `。` stays (and the half-width `｡` becomes it). */
const TRAILING_PUNCTUATION = /[.!。！]+$/u

/**
 * The first line, NFKC-normalised (so a Japanese IME's `ＯＫ` and `／approve` count), trimmed,
 * without trailing punctuation or one leading `/`, in lower case.
 */
export function answerWord(text: string): string {
  const line =
    text
      .slice(0, MAX_MATCH_TEXT)
      .trimStart()
      .split(/\r\n|\r|\n/, 1)[0] ?? ''
  const normal = line.normalize('NFKC').trim().replace(TRAILING_PUNCTUATION, '').trimEnd()
  return (normal.startsWith('/') ? normal.slice(1) : normal).toLowerCase()
}

function wordPattern(words: readonly string[]): Pattern {
  const set = new Set<string>(words)
  return { source: `one of ${words.join(', ')}`, test: text => set.has(answerWord(text)) }
}

/** The default for each pattern left empty: each given pattern replaces its own list only. */
export function withDefaultWords(gate: Gate): Gate {
  return {
    ...gate,
    match: gate.match ?? wordPattern(DEFAULT_WORDS.approve),
    rejectMatch: gate.rejectMatch ?? wordPattern(DEFAULT_WORDS.reject)
  }
}

/** The README's list of the default words (`npm run docs` writes it between its markers). */
export function defaultWordsMarkdown(): string {
  const list = (words: readonly string[]) => words.map(word => `\`${word}\``).join(', ')
  return [
    `- approves: ${list(DEFAULT_WORDS.approve)}`,
    `- rejects: ${list(DEFAULT_WORDS.reject)}`
  ].join('\n')
}
