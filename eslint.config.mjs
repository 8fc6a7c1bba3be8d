import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/**
 * Not log rules, but rules for all of src/ (flat config keeps one rule's options per file, so
 * they join the log rules' no-restricted-properties). Time goes through the clock
 * (src/clock.ts), which tests can replace. The first use of Intl's number formatting loads
 * ICU's data, a cost at every start of the action (docs/performance.md has the figure).
 */
const TIME_AND_NUMBERS = [
  {
    object: 'Date',
    property: 'now',
    message: 'Read the time from the clock (src/clock.ts): the modes get it as deps.clock.'
  },
  ...[{ property: 'toLocaleString' }, { object: 'Intl', property: 'NumberFormat' }].map(target => ({
    ...target,
    message:
      "Intl's number formatting loads ICU's data at its first use, at every start of the action: use groupDigits from src/format.ts."
  }))
]

export default tseslint.config(
  // The log-guard fixture breaks the rules on purpose; test/log-guard.slow.test.ts lints it.
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'test/fixtures/log-guard/writes.ts'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        URLSearchParams: 'readonly',
        Buffer: 'readonly',
        require: 'readonly'
      }
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }]
    }
  },
  {
    // Type-aware rules: a promise nobody awaits is a failure nobody sees.
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error'
    }
  },
  {
    // The bench's floor program is CommonJS on purpose (see its header).
    files: ['tools/bench/*.cjs', '.dependency-cruiser.cjs'],
    languageOptions: { globals: { module: 'writable' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  },
  {
    // src/log.ts is left out of the log rules below, not out of these.
    files: ['src/log.ts'],
    rules: { 'no-restricted-properties': ['error', ...TIME_AND_NUMBERS] }
  },
  {
    // One way out to the log: only src/log.ts writes to stdout or stderr and builds runner
    // commands, so that every message is neutralised there (see its header).
    files: ['src/**/*.ts', 'test/fixtures/log-guard/*.ts'],
    ignores: ['src/log.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['stdout', 'stderr'].map(property => ({
          object: 'process',
          property,
          message: 'Write to the log through src/log.ts, which neutralises runner commands.'
        })),
        ...TIME_AND_NUMBERS
      ],
      'no-restricted-globals': [
        'error',
        { name: 'console', message: 'Write to the log through src/log.ts.' }
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'MemberExpression[property.name=/^(stdout|stderr|console)$/]',
          message: 'Write to the log through src/log.ts, which neutralises runner commands.'
        },
        {
          selector:
            "CallExpression[callee.property.name='writeSync'], CallExpression[callee.name='writeSync']",
          message: 'Write to the log through src/log.ts (no writeSync to a descriptor).'
        }
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'console', message: 'Write to the log through src/log.ts.' },
            { name: 'node:console', message: 'Write to the log through src/log.ts.' },
            ...['process', 'node:process'].map(name => ({
              name,
              importNames: ['stdout', 'stderr'],
              message: 'Write to the log through src/log.ts.'
            }))
          ],
          patterns: [
            {
              regex: '@actions/core(/lib/(command|core)(\\.js)?)?$',
              message:
                "The toolkit's output functions and command builder are used in src/log.ts only."
            }
          ]
        }
      ]
    }
  }
)
