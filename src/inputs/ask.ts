/** The inputs of `mode: ask`: the question (its text, as send's), the gate, the announcement. */
import { Input, type Language } from '../constants.js'
import { readGate } from './gate.js'
import { readAccountMap, readMessageInputs } from './message-inputs.js'
import { parseBoolean, parseLanguage } from './parse.js'
import type { CommonSettings, Gate, MessageSpec } from './settings.js'
import { read } from './source.js'

/** ask: post the question, then wait for Replies to it (the gate, anchored at the question). */
export interface AskSettings extends CommonSettings, MessageSpec {
  mode: 'ask'
  roomId: string
  /** The language of the announcement (and of the default message, never used: one is required). */
  language: Language
  /** Which replies count; `match`/`reject-match` empty: the default words (modes/ask/words.ts). */
  gate: Gate
  /** After the decision, reply to the question with what happened. */
  announceDecision: boolean
}

/** ask: the question (required), then the gate; its anchor is the question, once posted. */
export async function askSettings(common: CommonSettings, roomId: string): Promise<AskSettings> {
  return {
    ...common,
    mode: 'ask',
    roomId,
    ...(await readMessageInputs('ask')),
    language: parseLanguage(read(Input.language)),
    gate: await readGate(await readAccountMap(), { anchored: true }),
    announceDecision: parseBoolean(Input.announceDecision, read(Input.announceDecision))
  }
}
