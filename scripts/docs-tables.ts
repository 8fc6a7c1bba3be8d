/**
 * The README's inputs and outputs, grouped by mode: each mode lists the inputs it reads and the
 * outputs it sets, and each input and output is described once, in the table of the first mode
 * that has it. Descriptions, defaults and required flags come from action.yml; which inputs a
 * mode reads comes from the declaration the action itself checks inputs against
 * (src/inputs/modes.ts), so the README cannot list an input a mode ignores.
 * `npm run docs` writes the text; test/docs.slow.test.ts fails when the README's differs.
 */
import { Input } from '../src/constants.js'
import { MODES, declaredInputs, requiredInputs, type Mode } from '../src/inputs/modes.js'
import { readActionYaml } from '../tools/run-action.js'

/** The markers around the generated text in the README. */
export const BEGIN = '<!-- inputs-by-mode: npm run docs -->'
export const END = '<!-- /inputs-by-mode -->'

interface ModeInputs {
  /** The inputs every mode reads. */
  common: readonly string[]
  byMode: Record<Mode, readonly string[]>
}

/**
 * The one seam to the modes' input declaration (src/inputs/modes.ts): what each mode reads,
 * and as "every mode" what all modes read, with `room-id`, which every mode but `api` reads.
 */
export function modeInputs(): ModeInputs {
  const byMode = {} as Record<Mode, readonly string[]>
  for (const mode of MODES) byMode[mode] = declaredInputs(mode)
  const everywhere = (name: string) =>
    MODES.every(mode => byMode[mode].includes(name) || (name === Input.roomId && mode === 'api'))
  return { common: byMode.send.filter(everywhere), byMode }
}

/**
 * Whether `mode` requires `name`, from the modes' declaration (action.yml can only say
 * `required: false`): `yes`, `no`, or for one of several, `one of` them.
 */
function requirement(mode: Mode, name: string): string {
  for (const need of requiredInputs(mode)) {
    if (need === name) return 'yes'
    if (typeof need !== 'string' && (need as readonly string[]).includes(name)) {
      return `one of ${need.map(code).join(', ')}`
    }
  }
  return 'no'
}

/** The modes that require `name` in some form. */
const requiredIn = (name: string) => MODES.filter(mode => requirement(mode, name) !== 'no')

/**
 * The modes an output's description names: action.yml writes them first, `send and update: …`,
 * `task: …; task-done: …`. An output that names none is set by every mode.
 */
function outputModes(description: string): Mode[] {
  const modes = new Set<Mode>()
  for (const [, phrase = ''] of description.matchAll(/(?:^|; )([a-z][a-z ,()-]*?):/g)) {
    for (const word of phrase.split(/[ ,()]+/)) {
      if ((MODES as readonly string[]).includes(word)) modes.add(word as Mode)
    }
  }
  return [...modes]
}

/** Input names, modes and values in single quotes become code spans. */
function markdown(text: string): string {
  return text.replace(/'([^' ]+)'/g, (quoted, word: string) =>
    /^[a-z#!][\w#!:./-]*$/.test(word) ? `\`${word}\`` : quoted
  )
}

const code = (name: string) => `\`${name}\``

/** The Markdown between BEGIN and END (before Prettier pads the tables). */
export async function inputsByMode(): Promise<string> {
  const action = await readActionYaml()
  const { common, byMode } = modeInputs()
  // An input and an output may share a name (task-ids): two sets.
  const described = { inputs: new Set<string>(), outputs: new Set<string>() }
  const outputsOf = (mode: Mode | undefined) =>
    Object.entries(action.outputs)
      .filter(([, spec]) => {
        const modes = outputModes(spec.description)
        return mode === undefined ? modes.length === 0 : modes.includes(mode)
      })
      .map(([name]) => name)
  const required = (name: string, mode: Mode | undefined): string => {
    if (action.inputs[name]?.required === true) return 'yes'
    if (mode !== undefined) return requirement(mode, name)
    // In the table of every mode: an input all modes but api require (room-id).
    const modes = requiredIn(name)
    return modes.length === MODES.length - 1 && !modes.includes('api') ? 'all but `api`' : 'no'
  }
  const tables = (mode: Mode | undefined, inputs: readonly string[], outputs: string[]) => {
    const newInputs = inputs.filter(name => !described.inputs.has(name))
    const newOutputs = outputs.filter(name => !described.outputs.has(name))
    for (const name of newInputs) described.inputs.add(name)
    for (const name of newOutputs) described.outputs.add(name)
    const parts: string[] = []
    if (newInputs.length > 0) {
      parts.push(
        [
          '| input | required | default | description |',
          '| --- | --- | --- | --- |',
          ...newInputs.map(name => {
            const spec = action.inputs[name]
            if (!spec)
              throw new Error(`src/inputs/modes.ts declares ${name}, which action.yml lacks`)
            const flag = required(name, mode)
            const value = spec.default === undefined ? '' : code(spec.default)
            return `| ${code(name)} | ${flag} | ${value} | ${markdown(spec.description)} |`
          })
        ].join('\n')
      )
    }
    if (newOutputs.length > 0) {
      parts.push(
        [
          '| output | description |',
          '| --- | --- |',
          ...newOutputs.map(
            name => `| ${code(name)} | ${markdown(action.outputs[name]?.description ?? '')} |`
          )
        ].join('\n')
      )
    }
    return parts
  }
  const sections = [
    ['### Every mode', ...tables(undefined, common, outputsOf(undefined))].join('\n\n')
  ]
  for (const mode of MODES) {
    const inputs = byMode[mode].filter(name => !common.includes(name))
    const outputs = outputsOf(mode)
    const names = (list: readonly string[]) =>
      list
        .map(name => {
          const flag = required(name, mode)
          return flag === 'no'
            ? code(name)
            : `${code(name)} (${flag === 'yes' ? 'required' : flag})`
        })
        .join(', ')
    const line =
      `Inputs: ${inputs.length > 0 ? names(inputs) : 'none'} besides every mode's. ` +
      `Outputs: ${outputs.length > 0 ? outputs.map(code).join(', ') : 'none'} besides every mode's.`
    const fresh = tables(mode, inputs, outputs)
    sections.push([`### \`mode: ${mode}\``, line, ...fresh].join('\n\n'))
  }
  const missing = [
    ...Object.keys(action.inputs).filter(name => !described.inputs.has(name)),
    ...Object.keys(action.outputs).filter(name => !described.outputs.has(name))
  ]
  if (missing.length > 0) throw new Error(`No mode reads or sets ${missing.join(', ')}`)
  return sections.join('\n\n')
}
