/**
 * The shape of src/: stages import downward only, and nothing imports in a circle (type-only
 * imports included). The order, top to bottom (CONTRIBUTING.md explains each stage):
 *
 *   index, main → modes/ → message/, summary/ → inputs/ → chatwork/ → the root's leaves
 *
 * The leaves include the doors to the log and to the summary, which every stage may use.
 *
 * test/layering.slow.test.ts runs these rules on a fixture that breaks each of them.
 */
/**
 * The root's leaves, and the doors every stage writes through: the log (log.ts, crash-guard.ts)
 * and the summary's page and escaper (summary/page.ts, summary/html.ts); and the names of the
 * inputs and outputs and the inputs' defaults, generated from action.yml
 * (inputs/action-inputs.ts, modes/action-outputs.ts: import-free data).
 */
const LEAVES =
  '^src/((errors|texts|runner|constants|clock|format|log|crash-guard)|summary/(page|html)|inputs/action-inputs|modes/action-outputs)\\.ts$'
/** Each stage and the stages above it, which it must not import. */
const ABOVE = {
  chatwork: ['inputs', 'message', 'summary', 'modes'],
  inputs: ['message', 'summary', 'modes'],
  message: ['summary', 'modes'],
  summary: ['message', 'modes']
}
const TOP = '^src/(main|index)\\.ts$'

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle (type-only imports count): move the shared part to the lower file.',
      from: {},
      to: { circular: true }
    },
    {
      name: 'leaves-import-leaves',
      severity: 'error',
      comment:
        'The leaves (errors, texts, runner, constants, clock, format, the log and summary doors) import no stage.',
      from: { path: LEAVES },
      to: { path: '^src/', pathNot: LEAVES }
    },
    ...Object.entries(ABOVE).map(([stage, above]) => ({
      name: `${stage}-imports-downward`,
      severity: 'error',
      comment: `src/${stage}/ may not import a stage above it (${above.join(', ')}) or main.`,
      from: { path: `^src/${stage}/` },
      to: { path: [`^src/(${above.join('|')})/`, TOP], pathNot: LEAVES }
    })),
    {
      name: 'modes-import-downward',
      severity: 'error',
      comment: 'src/modes/ may not import main or index.',
      from: { path: '^src/modes/' },
      to: { path: TOP }
    }
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^dist/', 'node_modules'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' }
  }
}
