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

/** What a pull request's author writes: each replaces the recorded value. */
interface Authored {
  title: string
  body?: string
  headRef?: string
  login?: string
}

/**
 * The recorded `pull_request` `opened` payload with the fields its author controls replaced
 * (title, body, head branch, login): how the hostile-value suites put a value in an event.
 */
export function pullRequestWith({
  title,
  body = 'Fixes a bug',
  headRef = 'feature',
  login = 'mallory'
}: Authored): object {
  const event = recordedEvent('pull_request.opened') as {
    pull_request: { title: string; body: string; head: { ref: string }; user: { login: string } }
    sender: { login: string }
  }
  const pr = event.pull_request
  Object.assign(pr, { title, body })
  pr.head.ref = headRef
  pr.user.login = login
  event.sender.login = login
  return event
}
