/**
 * The one door to the runner's inputs: nothing else calls `runner.getInput`. A name is an
 * `InputName` (generated from action.yml), so a misspelled one does not compile.
 */
import * as runner from '../runner.js'
import { DEFAULTS, Input, type DefaultedInput, type InputName } from './action-inputs.js'

/** An input as given, trimmed unless told otherwise; empty when not set. */
export function input(name: InputName, options: { trimWhitespace?: boolean } = {}): string {
  return runner.getInput(name, options)
}

/** An optional input; empty (e.g. an unset `${{ vars.X }}`) means the action.yml default. */
export function read(name: DefaultedInput): string {
  return input(name) || DEFAULTS[name]
}

/** Whether an input is set to something other than its default (for the warning of read.ts). */
export function isGiven(name: InputName): boolean {
  const value = runner.getInput(name)
  const fallback: string = (DEFAULTS as Partial<Record<InputName, string>>)[name] ?? ''
  return value !== '' && value !== fallback
}

/**
 * Inputs given in a step's `with:` spelled with `_` for `-` (`room_id`): the runner passes them
 * as INPUT_ROOM_ID, which no input reads, so the value would be lost without a word.
 */
export function misspelledWithUnderscores(): { name: InputName; written: string }[] {
  return Object.values(Input)
    .filter(name => name.includes('-'))
    .map(name => ({ name, written: name.replaceAll('-', '_') }))
    .filter(({ written }) => runner.getInput(written) !== '')
}
