/**
 * src/inputs/action-inputs.ts and src/modes/action-outputs.ts are what scripts/gen-names.ts makes
 * of action.yml, never hand-edited.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  INPUTS_FILE,
  OUTPUTS_FILE,
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
