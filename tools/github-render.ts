/**
 * A job summary as GitHub shows it, approximated: GitHub's pipeline is not public, so this is
 * CommonMark + GFM (micromark, raw HTML kept, as GitHub keeps it in summaries), then HTML
 * parsed and cleaned by hast-util-sanitize, whose default schema follows GitHub's sanitizer.
 * Tests assert facts of the result (newlines inside `<pre>`, paragraphs, links, words), not
 * pixels (test/summary-render.e2e.test.ts); `npm run screenshots` renders the same tree with github-markdown-css in
 * headless Chromium for the docs.
 */
import type { Element, Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { sanitize } from 'hast-util-sanitize'
import { selectAll } from 'hast-util-select'
import { toText } from 'hast-util-to-text'
import { micromark } from 'micromark'
import { gfm, gfmHtml } from 'micromark-extension-gfm'

/** The summary's Markdown as the sanitized HTML tree GitHub would show. */
export function renderLikeGitHub(summary: string): Root {
  const html = micromark(summary, {
    allowDangerousHtml: true,
    extensions: [gfm()],
    htmlExtensions: [gfmHtml()]
  })
  return sanitize(fromHtml(html, { fragment: true })) as Root
}

/** What a reader sees of the rendered summary. */
export interface Seen {
  tree: Root
  /** The text of the page, with line breaks where the browser would break lines. */
  text: string
  /** Each paragraph's text. */
  paragraphs: string[]
  /** Each preformatted block's text, its line breaks as `\n`. */
  blocks: string[]
  /** `<br>` elements inside a preformatted block: GitHub shows them as nothing. */
  breaksInBlocks: number
  /** Each link's address and text. */
  links: { href: string; text: string }[]
}

export function seen(summary: string): Seen {
  const tree = renderLikeGitHub(summary)
  const texts = (selector: string) => selectAll(selector, tree).map(node => toText(node))
  return {
    tree,
    text: toText(tree),
    paragraphs: texts('p'),
    blocks: texts('pre'),
    breaksInBlocks: selectAll('pre br', tree).length,
    links: selectAll('a', tree).map((a: Element) => ({
      href: String(a.properties.href ?? ''),
      text: toText(a)
    }))
  }
}
