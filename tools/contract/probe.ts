/** What a probe is, what it sees, and what it reports. */
import type { ContractClient } from './client.js'

/**
 * The profile name for an assumption the emulator plays the same way under every profile; a
 * probe that finds something else reports `null`, the signal to add a factor.
 */
export const FIXED = 'fixed'

export interface ProbeContext {
  client: ContractClient
  /** The token's own account id. */
  me: string
  /** Every member of the room, the token's own account first. */
  members: string[]
  /** A second member's client and account (CHATWORK_CONTRACT_TOKEN_2), if given. */
  second?: { client: ContractClient; id: string }
  /** Text unique to this run, in every body the probes send: cleanup finds it. */
  marker: string
}

export interface Observation {
  /** What the server did, in a few words. */
  observed: string
  /** `factor=value` of the emulator profile that does the same, FIXED, or null for none. */
  profile: string | null
}

export interface Probe {
  id: string
  /** The assumption, as one sentence. */
  assumption: string
  run(ctx: ProbeContext): Promise<Observation>
}

/** An observation no profile plays. */
export function unmatched(observed: string): Observation {
  return { observed, profile: null }
}

/** `{id}` ids compared as numbers, however many digits. */
export function descending(ids: string[]): boolean {
  return ids.some((id, i) => i > 0 && BigInt(id) < BigInt(ids[i - 1] ?? '0'))
}

/** A short quote of a server's text, for a table cell. */
export function excerpt(text: string | undefined, max = 60): string {
  const t = (text ?? '').replace(/\s+/g, ' ')
  return JSON.stringify(t.length > max ? `${t.slice(0, max)}…` : t)
}
