/** The report as a plain-text table, and as the `--json` array. */
import type { ContractReport } from './run.js'

export function reportTable({ results, leftovers }: ContractReport): string {
  const rows = [
    ['id', 'observed', 'profile', 'assumption'],
    ...results.map(r => [r.id, r.observed, r.profile ?? 'NONE (add a profile)', r.assumption])
  ]
  const widths = [0, 1, 2].map(c => Math.max(...rows.map(r => (r[c] ?? '').length)))
  const lines = rows.map(r =>
    r.map((cell, c) => (c < 3 ? cell.padEnd(widths[c] ?? 0) : cell)).join('  ')
  )
  const unmatched = results.filter(r => r.profile === null).length
  lines.push(
    '',
    unmatched === 0
      ? `${results.length} probes, each matches an emulator profile.`
      : `${results.length} probes, ${unmatched} match no emulator profile: see docs/chatwork-api.md, "Assumptions and the contract suite".`
  )
  for (const left of leftovers) lines.push(`cleanup: ${left}`)
  return lines.join('\n')
}

export function reportJson({ results }: ContractReport): string {
  return `${JSON.stringify(
    results.map(({ id, observed, profile }) => ({ id, observed, profile })),
    null,
    2
  )}\n`
}
