/**
 * src/inputs/action-inputs.ts, src/modes/action-outputs.ts and the defaults in .env.example are
 * what scripts/gen-names.ts makes of action.yml, never hand-edited.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  ENV_EXAMPLE,
  ENV_MARKER,
  INPUTS_FILE,
  OUTPUTS_FILE,
  renderEnvExample,
  renderInputsModule,
  renderOutputsModule
} from '../scripts/gen-names.js'
import { ROOT } from '../tools/run-action.js'

const actionYaml = await readFile(path.join(ROOT, 'action.yml'), 'utf8')

describe('the inputs module generated from action.yml', () => {
  it('is committed as action.yml generates it (else run `npm run gen:names`)', async () => {
    const committed = await readFile(path.join(ROOT, INPUTS_FILE), 'utf8')
    expect(committed).toBe(await renderInputsModule(actionYaml, ROOT))
  })

  it('changes when an input or a default changes in action.yml', async () => {
    const generated = await renderInputsModule(actionYaml, ROOT)
    const renamed = actionYaml.replace(/^ {2}task-due:$/m, '  task-deadline:')
    const redefaulted = actionYaml.replace("default: 'false'", "default: 'true'")
    expect(renamed).not.toBe(actionYaml)
    expect(redefaulted).not.toBe(actionYaml)
    expect(await renderInputsModule(renamed, ROOT)).not.toBe(generated)
    expect(await renderInputsModule(redefaulted, ROOT)).not.toBe(generated)
    expect(await renderInputsModule(renamed, ROOT)).toContain("taskDeadline: 'task-deadline'")
  })
})

describe('the outputs module generated from action.yml', () => {
  it('is committed as action.yml generates it (else run `npm run gen:names`)', async () => {
    const committed = await readFile(path.join(ROOT, OUTPUTS_FILE), 'utf8')
    expect(committed).toBe(await renderOutputsModule(actionYaml, ROOT))
  })

  it('changes when an output is renamed in action.yml', async () => {
    const renamed = actionYaml.replace(/^ {2}file-id:$/m, '  upload-id:')
    expect(renamed).not.toBe(actionYaml)
    const generated = await renderOutputsModule(renamed, ROOT)
    expect(generated).toContain("uploadId: 'upload-id'")
    expect(generated).not.toContain('file-id')
  })
})

describe('the defaults in .env.example generated from action.yml', () => {
  it('are committed as action.yml generates them (else run `npm run gen:names`)', async () => {
    const committed = await readFile(path.join(ROOT, ENV_EXAMPLE), 'utf8')
    expect(committed).toBe(renderEnvExample(actionYaml, committed))
    expect(committed).toMatch(/^INPUT_TIMEOUT-SECONDS=30$/m)
  })

  it('follow a changed default, and leave out an input the hand-written part sets', () => {
    const head = `INPUT_TOKEN=x\nINPUT_MODE=fetch\n\n${ENV_MARKER}\n`
    const generated = renderEnvExample(actionYaml, `${head}INPUT_STALE=1\n`)
    expect(generated.startsWith(head)).toBe(true)
    expect(generated).not.toContain('INPUT_STALE')
    expect(generated).not.toMatch(/^INPUT_MODE=send$/m)
    expect(generated).toMatch(/^INPUT_RETRIES=5$/m)
    const redefaulted = actionYaml.replace(
      /^( {2}retries:\n(?: {4}.*\n)*? {4}default: )'5'$/m,
      "$1'7'"
    )
    expect(redefaulted).not.toBe(actionYaml)
    expect(renderEnvExample(redefaulted, head)).toMatch(/^INPUT_RETRIES=7$/m)
    expect(() => renderEnvExample(actionYaml, 'INPUT_TOKEN=x\n')).toThrow(ENV_MARKER)
  })
})
