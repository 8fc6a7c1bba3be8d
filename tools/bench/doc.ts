/**
 * docs/performance.md, written by `npm run bench` from what it printed: the date, the machine,
 * the node binaries, and every table, so the figures there are always the last run's; then the
 * hand-written analysis in tools/bench/analysis/, its files in the order of their names (one
 * per subject or round of measurements, so that none grows past the size limit).
 */
import { readFile, readdir, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { format, resolveConfig } from 'prettier'
import { ROOT } from '../run-action.js'

/** Everything console.log prints from now on, kept for the document as well. */
export function recordConsole(): string[] {
  const lines: string[] = []
  const log = console.log.bind(console)
  console.log = (...args: unknown[]) => {
    lines.push(args.map(String).join(' '))
    log(...args)
  }
  return lines
}

export async function writePerformanceDoc(transcript: string[], sections: string[]): Promise<void> {
  const cpus = os.cpus()
  const machine = `${os.type()} ${os.release()}, ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, load average ${os.loadavg()[0]?.toFixed(1) ?? '?'} at the end`
  const text = [
    '# Performance',
    '',
    'Written by `npm run bench` (scripts/bench.ts); do not edit by hand: run it again.',
    '',
    `Measured ${new Date().toISOString()} on ${machine}. A busy shared machine gives noisy`,
    'start-up figures; the round trips are differences of medians of interleaved runs.',
    '',
    ...sections,
    ...(await readAnalysis()),
    '## Everything the bench printed',
    '',
    '```text',
    ...transcript,
    '```',
    ''
  ].join('\n')
  // Formatted as `prettier --check` wants it, so the regenerated file passes.
  const file = path.join(ROOT, 'docs/performance.md')
  const options = { ...(await resolveConfig(file)), parser: 'markdown' }
  await writeFile(file, await format(text, options))
}

/** The hand-written analysis, each file of tools/bench/analysis/ in the order of their names. */
async function readAnalysis(): Promise<string[]> {
  const dir = path.join(ROOT, 'tools/bench/analysis')
  const names = (await readdir(dir)).filter(name => name.endsWith('.md')).sort()
  return Promise.all(names.map(name => readFile(path.join(dir, name), 'utf8')))
}
