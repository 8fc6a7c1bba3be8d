/** Sets INPUT_* variables like the runner (action.yml defaults, then the given inputs). */
import { vi } from 'vitest'
import { readActionYaml } from '../../tools/run-action.js'

const action = await readActionYaml()

export function setInputs(inputs: Record<string, string>): void {
  for (const [name, spec] of Object.entries(action.inputs)) {
    vi.stubEnv(`INPUT_${name.toUpperCase()}`, inputs[name] ?? spec.default ?? '')
  }
}
