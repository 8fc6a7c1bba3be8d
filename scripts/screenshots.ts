/**
 * `npm run screenshots`: one picture per kind of job summary (tools/summary-kinds.ts), for the
 * docs. Each step runs the bundle against the emulator; its summary is rendered as GitHub would
 * (tools/github-render.ts) inside github-markdown-css, and headless Chromium (Debian's
 * `chromium` package, or CHROMIUM) takes the picture into docs/summaries/<kind>.png.
 */
import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { toHtml } from 'hast-util-to-html'
import { ChatworkEmulator, DEFAULT_TOKEN, ROOM } from '../tools/emulator/index.js'
import { renderLikeGitHub } from '../tools/github-render.js'
import { ROOT, runAction } from '../tools/run-action.js'
import { SUMMARY_KINDS } from '../tools/summary-kinds.js'

const chromium = process.env.CHROMIUM ?? 'chromium'
const css = await readFile(createRequire(import.meta.url).resolve('github-markdown-css'), 'utf8')
const out = path.join(ROOT, 'docs', 'summaries')
await mkdir(out, { recursive: true })
const scratch = await mkdtemp(path.join(tmpdir(), 'summaries-'))
const emulator = await new ChatworkEmulator().start()
try {
  for (const kind of SUMMARY_KINDS) {
    emulator.reset()
    const inputs = kind.inputs(emulator)
    const result = await runAction({
      inputs: {
        token: DEFAULT_TOKEN,
        'room-id': String(ROOM),
        'api-base-url': emulator.url,
        ...inputs
      },
      event: kind.event
    })
    const body = toHtml(renderLikeGitHub(result.summary))
    const page = path.join(scratch, `${kind.name}.html`)
    await writeFile(
      page,
      `<!doctype html><meta charset="utf-8"><style>${css} body{margin:0} .markdown-body{padding:24px;max-width:880px}</style><article class="markdown-body">${body}</article>`
    )
    const picture = path.join(out, `${kind.name}.png`)
    execFileSync(
      chromium,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--hide-scrollbars',
        '--window-size=930,900',
        `--screenshot=${picture}`,
        `file://${page}`
      ],
      { stdio: 'ignore' }
    )
    console.log(`${kind.name}: ${path.relative(ROOT, picture)}`)
  }
} finally {
  await emulator.stop()
  await rm(scratch, { recursive: true, force: true })
}
