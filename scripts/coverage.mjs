// `npm run coverage`: line coverage of src/ that counts the end-to-end runs too.
// The end-to-end suites start the action in child processes, which vitest's own coverage does
// not see (it reported 56%). So every test runs under c8 with NODE_V8_COVERAGE, which
// tools/run-action.ts passes on to the children. The children run src/ compiled file by file to
// coverage/build/ (CHATWORK_ACTION_ENTRY), each file with its source map inline, so every range
// maps back to its line in src/. (The bundle's own maps from ncc are line-only: through them every
// function looked covered. Running src/index.ts through tsx's loader maps as well, but compiles
// src/ again in every child: each run took twice as long.) The same tests run on the bundle
// itself in `npm test` and `npm run test:tables`. Fails under 95% of lines.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'

const bin = name => path.join('node_modules', '.bin', name)
const BUILD = path.join('coverage', 'build')
rmSync('coverage', { recursive: true, force: true })

// src/ → coverage/build/src/, one file each, with the compiler options of tsconfig.json. A few
// modules import @actions files by relative path (../node_modules/…): the link resolves them.
const { config } = ts.readConfigFile('tsconfig.json', ts.sys.readFile)
const { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions, '.')
for (const file of readdirSync('src', { recursive: true })) {
  if (!file.endsWith('.ts')) continue
  const source = path.join('src', file)
  const out = path.join(BUILD, source.replace(/\.ts$/, '.js'))
  const { outputText } = ts.transpileModule(readFileSync(source, 'utf8'), {
    fileName: path.resolve(source),
    compilerOptions: {
      ...options,
      module: ts.ModuleKind.ES2022,
      noEmit: false,
      inlineSourceMap: true,
      sourceRoot: path.resolve(path.dirname(source))
    }
  })
  mkdirSync(path.dirname(out), { recursive: true })
  writeFileSync(out, outputText)
}
symlinkSync(path.resolve('node_modules'), path.join(BUILD, 'node_modules'))

execFileSync(
  bin('c8'),
  [
    '--include=src/**',
    `--include=${BUILD}/src/**`,
    // In place of c8's default exclusions, one of which is coverage/**, where the build is.
    '--exclude=**/*.d.ts',
    '--reporter=text',
    '--reporter=text-summary',
    '--check-coverage',
    '--lines=95',
    bin('vitest'),
    'run',
    // The test timeout is a guard against a hang, not a bound any test asserts: it is wider
    // here, where every process writes its coverage as it ends. The bounds tests do assert are
    // timed from the emulator's side or against a plain run of the same step.
    '--testTimeout=60000'
  ],
  {
    stdio: 'inherit',
    env: { ...process.env, CHATWORK_ACTION_ENTRY: path.resolve(BUILD, 'src', 'index.js') }
  }
)
