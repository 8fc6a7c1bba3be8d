/**
 * The step's outputs, cut to what GitHub keeps. Outputs mapped to a job's outputs pass GitHub's
 * limit only while they are small enough, and a fetched room's messages (100 of up to 65,535
 * characters each, as Chatwork allows) are many times more. So every output is checked here, at
 * the one place outputs are written: a JSON array loses whole items, oldest first, and stays
 * valid JSON; a text is cut; each cut is named in a warning.
 */
import { Input, Output } from '../constants.js'
import { groupDigits } from '../format.js'

/**
 * GitHub: "Outputs can be a maximum of 1 MB per job. The total of all outputs in a workflow run
 * can be a maximum of 50 MB. Size is approximated based on UTF-16 encoding."
 * https://docs.github.com/en/actions/how-tos/write-workflows/choose-what-workflows-do/pass-job-outputs
 */
export const JOB_OUTPUTS_LIMIT = 1_000_000

/** What this step's outputs may take together: a margin under the limit for other steps'. */
export const OUTPUTS_BUDGET = 900_000

/**
 * One text output (a message body, the error) at most: a Chatwork message (65,535 characters,
 * at most 3 bytes each) always fits, whole.
 */
const TEXT_OUTPUT_LIMIT = 200_000

/** The outputs that are JSON arrays, oldest item first, and the output that counts their items. */
const ARRAYS: Partial<Record<string, string>> = { [Output.messages]: Output.count }

/**
 * A size that holds however GitHub counts: UTF-16 as documented, or UTF-8 as the file is
 * written. The larger of the two.
 */
export function outputSize(text: string): number {
  return Math.max(2 * text.length, Buffer.byteLength(text, 'utf8'))
}

interface Fitted {
  outputs: Record<string, string>
  /** One line per output that was cut: what was left out and why. */
  warnings: string[]
}

/** The outputs within OUTPUTS_BUDGET: texts cut to TEXT_OUTPUT_LIMIT, then arrays to the rest. */
export function fitOutputs(outputs: Readonly<Record<string, string | undefined>>): Fitted {
  const fitted: Record<string, string> = {}
  const warnings: string[] = []
  for (const [name, value] of Object.entries(outputs)) {
    if (value === undefined) continue
    if (name in ARRAYS || outputSize(value) <= TEXT_OUTPUT_LIMIT) fitted[name] = value
    else {
      fitted[name] = cutText(value, TEXT_OUTPUT_LIMIT)
      warnings.push(
        `The '${name}' output is cut to its first ${fitted[name].length} of ${value.length} characters: ${WHY}`
      )
    }
  }
  for (const [name, countedBy] of Object.entries(ARRAYS)) {
    const value = fitted[name]
    if (value === undefined || countedBy === undefined) continue
    const others = Object.entries(fitted)
      .filter(([other]) => other !== name)
      .reduce((sum, [other, text]) => sum + outputSize(other) + outputSize(text), 0)
    const room = OUTPUTS_BUDGET - others - outputSize(name)
    if (outputSize(value) <= room) continue
    const items = arrayItems(value)
    const kept = newestWithin(items, room)
    fitted[name] = `[${kept.join(',')}]`
    if (countedBy in fitted) fitted[countedBy] = String(kept.length)
    warnings.push(
      `The '${name}' output leaves out the ${items.length - kept.length} oldest of its ${items.length} items (it has the ${kept.length} newest; '${countedBy}' counts those): ${WHY}`
    )
  }
  return { outputs: fitted, warnings }
}

const WHY = `GitHub keeps at most ${groupDigits(JOB_OUTPUTS_LIMIT)} bytes of a job's outputs. Read the messages in this step, or fetch fewer with '${Input.limit}'.`

/** The newest items (the last ones) whose array fits in `room`. */
function newestWithin(items: string[], room: number): string[] {
  let used = outputSize('[]')
  let from = items.length
  while (from > 0) {
    const size = outputSize(items[from - 1] ?? '') + (from < items.length ? 1 : 0)
    if (used + size > room) break
    used += size
    from -= 1
  }
  return items.slice(from)
}

/**
 * The top-level items of a JSON array, as text: split at the commas outside strings and nested
 * values, so nothing is parsed and re-written (ids past 2^53 stay exact).
 */
export function arrayItems(json: string): string[] {
  const items: string[] = []
  let depth = 0
  let inString = false
  let start = 1
  for (let i = 0; i < json.length; i++) {
    const c = json[i]
    if (inString) {
      if (c === '\\') i++
      else if (c === '"') inString = false
    } else if (c === '"') inString = true
    else if (c === '[' || c === '{') depth++
    else if (c === ']' || c === '}') {
      depth--
      if (depth === 0 && i > start) items.push(json.slice(start, i))
    } else if (c === ',' && depth === 1) {
      items.push(json.slice(start, i))
      start = i + 1
    }
  }
  return items.map(item => item.trim()).filter(item => item !== '')
}

/** The longest start of `text` within `maxBytes`, never splitting a character. */
function cutText(text: string, maxBytes: number): string {
  let utf8 = 0
  let end = 0
  for (const char of text) {
    const next = end + char.length
    const point = char.codePointAt(0) ?? 0
    utf8 += point < 0x80 ? 1 : point < 0x800 ? 2 : point < 0x10000 ? 3 : 4
    if (Math.max(2 * next, utf8) > maxBytes) break
    end = next
  }
  return text.slice(0, end)
}
