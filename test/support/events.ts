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

type Patch = { [key: string]: unknown }

/** `patch` laid over `base`: objects merged key by key, anything else replaced. */
function overlay(base: unknown, patch: unknown): unknown {
  const isObject = (v: unknown): v is Patch =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
  if (!isObject(base) || !isObject(patch)) return patch
  const merged: Patch = { ...base }
  for (const [key, value] of Object.entries(patch)) merged[key] = overlay(base[key], value)
  return merged
}

/**
 * A recorded payload with the fields a test is about replaced (`patch`, merged into it): the
 * rest stays as GitHub sent it, so the action meets every field a real event has.
 */
export function recordedEventWith(name: string, patch: Patch): object {
  return overlay(recordedEvent(name), patch) as object
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
  return recordedEventWith('pull_request.opened', {
    pull_request: { title, body, head: { ref: headRef }, user: { login } },
    sender: { login }
  })
}
