/** The event payloads recorded from GitHub in test/fixtures/events (its README names the source). */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { ROOT } from '../../tools/run-action.js'

/** The path of a recorded payload, by its file name without `.json` (for GITHUB_EVENT_PATH). */
export function recordedEventFile(name: string): string {
  return path.join(ROOT, 'test/fixtures/events', `${name}.json`)
}

/** A recorded payload, parsed. */
export function recordedEvent(name: string): object {
  return JSON.parse(readFileSync(recordedEventFile(name), 'utf8')) as object
}
