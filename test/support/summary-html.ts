/**
 * Reads a job summary back the way GitHub does: as GFM Markdown (every line must stay inside an
 * HTML block), then as HTML (hostile text must be text, never an element).
 */
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { gfm } from 'micromark-extension-gfm'
import { parseFragment } from 'parse5'
import { expect } from 'vitest'
import { STEP_SUMMARY_LIMIT } from '../../src/summary/page.js'

/** The elements the action's own markup uses; anything else came from someone's text. */
const OWN_ELEMENTS = new Set(
  'h3 h4 p div i b br hr table tbody tr th td pre code details summary blockquote a'.split(' ')
)

interface HtmlNode {
  nodeName: string
  value?: string
  childNodes?: HtmlNode[]
}

/** Every element and every text of the summary's HTML. */
function walk(node: HtmlNode, elements: string[], texts: string[]): void {
  if (node.nodeName === '#text') texts.push(node.value ?? '')
  else if (!node.nodeName.startsWith('#')) elements.push(node.nodeName)
  for (const child of node.childNodes ?? []) walk(child, elements, texts)
}

/** Asserts the summary is HTML blocks only, of the action's own elements, under 1 MiB. */
export function expectWholeBlocks(summary: string): { text: string } {
  expect(summary).not.toMatch(/\r|\n[ \t]*\n/)
  expect(Buffer.byteLength(summary, 'utf8')).toBeLessThan(STEP_SUMMARY_LIMIT)
  const tree = fromMarkdown(summary, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] })
  expect(tree.children.map(node => node.type)).toEqual(['html'])
  const elements: string[] = []
  const texts: string[] = []
  walk(parseFragment(summary) as HtmlNode, elements, texts)
  expect(elements.filter(name => !OWN_ELEMENTS.has(name))).toEqual([])
  return { text: texts.join('') }
}
