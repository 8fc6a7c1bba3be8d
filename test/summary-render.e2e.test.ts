/**
 * End to end: every kind of job summary the bundle writes (tools/summary-kinds.ts), rendered as
 * GitHub would (tools/github-render.ts), and read as a person reads it: line breaks inside code
 * blocks, paragraphs apart, web addresses as links, one message or two, each sentence once.
 */
import { describe, expect, it } from 'vitest'
import { FOREIGN_ROOM, ROOM } from '../tools/emulator/index.js'
import { seen, type Seen } from '../tools/github-render.js'
import { summaryKind } from '../tools/summary-kinds.js'
import { runAgainst, useEmulator } from './support/e2e.js'
import { table } from './support/table.js'

const server = useEmulator()

/** Runs the step of that kind; `succeeds` is what its exit code must say. */
async function page(name: string, succeeds: boolean): Promise<Seen> {
  const kind = summaryKind(name)
  const result = await runAgainst(server(), kind.inputs(server()), { event: kind.event })
  expect(result.exitCode === 0, result.stdout).toBe(succeeds)
  const rendered = seen(result.summary)
  expectReadable(rendered)
  return rendered
}

/** What holds for every summary: no `<br>` GitHub would hide, no sentence said twice. */
function expectReadable(page: Seen): void {
  expect(page.breaksInBlocks).toBe(0)
  for (const paragraph of page.paragraphs) {
    const sentences = paragraph.split(/(?<=\.) /).filter(s => s.length > 12)
    expect(new Set(sentences).size, paragraph).toBe(sentences.length)
  }
  expect(page.text).not.toMatch(/\b1 (messages|tasks|approvals|rooms)\b/)
}

const CODE = 'npm test\n\nexit 1'
const RUN_LINK = { href: 'https://example.com/runs/7', text: 'https://example.com/runs/7' }

describe('summaries as GitHub renders them', () => {
  it('send: the code block keeps its lines, the address is a link, the notation keeps its lines', async () => {
    const { blocks, links } = await page('send', true)
    expect(blocks).toContain(CODE)
    expect(blocks).toContainEqual(expect.stringContaining('https://example.com/runs/7.\n[code]'))
    expect(links).toContainEqual(RUN_LINK)
    expect(links.some(link => link.href.startsWith('https://www.chatwork.com/#!rid'))).toBe(true)
  })

  it('dry run: the preview and the requests, each request on its own lines', async () => {
    const { text, blocks } = await page('dry-run', true)
    expect(text).toContain('Chatwork dry run: not sent')
    const requests = blocks.find(block => block.startsWith('POST '))
    expect(requests).toMatch(/^POST \S+\/rooms\/\d+\/messages\nbody: Build failed/)
    expect(blocks).toContain(CODE)
  })

  table(['input-error', 'refused-template'])(
    '%s: the advice, "Nothing was sent." once',
    async name => {
      const { text } = await page(name, false)
      expect(text.split('Nothing was sent.')).toHaveLength(2)
    }
  )

  it('a failed delivery: heading, the rooms, and what was to be sent, apart', async () => {
    const { paragraphs, blocks, links } = await page('delivery-failure', false)
    expect(paragraphs.some(p => p.startsWith(`Room ${ROOM}: delivered`))).toBe(true)
    expect(paragraphs.some(p => p.startsWith(`Room ${FOREIGN_ROOM}: failed`))).toBe(true)
    expect(blocks).toContain(CODE)
    expect(links).toContainEqual(RUN_LINK)
  })

  it('fetch: one message is "1 message"; its address is a link', async () => {
    const { text, links } = await page('fetch', true)
    expect(text).toContain(`Chatwork room ${ROOM}: 1 message`)
    expect(links).toContainEqual({
      href: 'https://example.com/pr/1',
      text: 'https://example.com/pr/1'
    })
  })

  it('gate: the criteria, the decision and what did not count, each its own paragraph', async () => {
    const { paragraphs } = await page('gate', true)
    expect(paragraphs.find(p => p.startsWith('Counting only'))).toBeDefined()
    expect(paragraphs.find(p => p.startsWith('Decision: approved'))).toContain('Alice Tanaka')
    expect(paragraphs.find(p => p.startsWith('Not counted'))).toBeDefined()
  })

  it('task: the task and its room, the body keeps its lines', async () => {
    const { text, blocks } = await page('task', true)
    expect(text).toMatch(new RegExp(`Room ${ROOM}: task \\d+`))
    expect(blocks).toContain('a\nb')
  })
})
