/**
 * Reads and validates the inputs, in one place, before any request is sent: the ones every
 * mode has, then the ones of the mode asked for (modes.ts). An input that does not apply to that
 * mode is named in a warning and not read (so an invalid value there does not fail the step).
 * The inputs are read through source.ts, the one caller of `runner.getInput`.
 */
import * as runner from '../runner.js'
import { Input } from '../constants.js'
import { maskProxyCredentials, readCommon, readToken } from './common.js'
import {
  declaredInputs,
  MODE_SPECS,
  parseMode,
  parseRoomIds,
  type Mode,
  type Settings
} from './modes.js'
import { isGiven, input, misspelledWithUnderscores, read } from './source.js'
import { InputError } from '../errors.js'
import { plural } from '../format.js'

export type * from './settings.js'
export type { Settings } from './modes.js'
export { DEFAULTS } from './action-inputs.js'

export async function getSettings(): Promise<Settings> {
  const token = readToken()
  maskProxyCredentials()
  checkUnderscores()
  const mode = parseMode(read(Input.mode))
  warnAboutOtherInputs(mode)
  const common = readCommon(token)
  // `api` names its room (if any) in `api-path`; every other mode needs `room-id`.
  const spec = MODE_SPECS[mode]
  const roomIds = spec.rooms === 'none' ? [] : parseRoomIds(input(Input.roomId), mode)
  return spec.settings(common, roomIds)
}

/** Names, in one warning, the inputs set to something other than their default that `mode` does not read. */
function warnAboutOtherInputs(mode: Mode): void {
  const reads = new Set<string>(declaredInputs(mode))
  const ignored = Object.values(Input).filter(name => !reads.has(name) && isGiven(name))
  const n = ignored.length
  if (n > 0) {
    const list = ignored.map(name => `'${name}'`).join(', ')
    runner.warning(
      `${plural(n, 'Input')} ${list} ${plural(n, 'does', 'do')} not apply to mode '${mode}' and ${plural(n, 'is', 'are')} ignored.`
    )
  }
}

/**
 * `room_id` for `room-id`: refused unless the real input is given too (empty or its default,
 * the step would run without the value: `dry_run: true` would send for real), else named in a
 * warning.
 */
function checkUnderscores(): void {
  for (const { name, written } of misspelledWithUnderscores()) {
    if (!isGiven(name)) {
      throw new InputError(
        `Input '${written}' is not an input of this action; it is spelled '${name}' (with '-'), which is not set. Rename '${written}' to '${name}' in the step's with:.`
      )
    }
    runner.warning(
      `Input '${written}' is ignored: the input is spelled '${name}' (with '-'), which is set too. Remove '${written}'.`
    )
  }
}
