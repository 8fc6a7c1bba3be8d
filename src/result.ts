/**
 * What a mode produces: its outputs and what it adds to the job summary.
 * The outputs are written in one place (main.ts), also when the mode fails part way.
 */
import type { summary } from '@actions/core'
import { Output } from './constants.js'
import { DeliveryError, adviceFor, isChatworkFailure, messageOf } from './errors.js'

export type OutputName = (typeof Output)[keyof typeof Output]
export type Outputs = Partial<Record<OutputName, string>>

export interface ModeResult {
  outputs: Outputs
  /** Adds this mode's part of the job summary. */
  summarize: (page: typeof summary) => void
}

/**
 * Runs one Chatwork operation; a Chatwork or network failure becomes a DeliveryError that says
 * what was attempted, what Chatwork said and what to do about it.
 */
export async function attempt<T>(what: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation()
  } catch (error) {
    if (!isChatworkFailure(error)) throw error
    throw new DeliveryError(`Could not ${what}. ${messageOf(error)} ${adviceFor(error)}`, {
      cause: error
    })
  }
}
