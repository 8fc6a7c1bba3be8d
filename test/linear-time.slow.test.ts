/**
 * The readers of a whole message body (the summary's preview, the notation reader) do linear
 * work on hostile bodies: eight times the input takes about eight times as long
 * (test/support/linear.ts). Each test times 18 runs of bodies of thousands of tags, seconds of
 * CPU in all, so they run with the larger tables (`npm run test:tables` and its step in
 * `.ci/run`), not in the inner loop nor in `npm test`; what the readers make of a body is
 * tested in preview.test.ts,
 * notation.test.ts and gate.test.ts.
 */
import { describe, expect, it } from 'vitest'
import { readSpoken } from '../src/chatwork/notation.js'
import { previewHtml } from '../src/summary/preview.js'
import { growth, LINEAR } from './support/linear.js'

const names = new Map([
  ['1001', 'Deploy Bot'],
  ['2002', 'Alice Tanaka']
])

describe('the preview', () => {
  const html = (body: string) => String(previewHtml(body, names))

  // 16,000 unclosed [qt] took 2.3 s before the depth cap: quadratic.
  it.each([
    ['unclosed quotes', (n: number) => '[qt]'.repeat(n)],
    ['nested boxes', (n: number) => '[info]'.repeat(n) + '[/info]'.repeat(n)],
    ['mentions', (n: number) => '[To:1]'.repeat(n)]
  ])('renders hostile bodies (%s) in linear time', (_, body) => {
    expect(growth(html, body, 1_000)).toBeLessThan(LINEAR)
  })
})

describe('what a message says', () => {
  it.each([
    ['mentions, then quotes', (n: number) => '[To:1]'.repeat(n) + '[qt]'.repeat(n / 10)],
    ['unclosed quotes', (n: number) => '[qt]'.repeat(n)]
  ])('reads a hostile body (%s) in linear time', (_, body) => {
    expect(growth(readSpoken, body, 2_000)).toBeLessThan(LINEAR)
  })

  it.each([
    [
      'mentions with names, then quotes',
      (n: number) => '[To:1001] Deploy Bot'.repeat(n) + '[引用]'.repeat(n / 3)
    ],
    ['localized replies', (n: number) => '[返信 aid=1 to=1-1]'.repeat(n)]
  ])('reads a hostile body (%s) in linear time, with names', (_, body) => {
    expect(growth(text => readSpoken(text, names), body, 600)).toBeLessThan(LINEAR)
  })
})
