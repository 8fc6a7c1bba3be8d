/**
 * Helpers for the gate's suites: a question posted as an asking step would post it, and for the
 * suites that answer `mode: ask` while the bundled action waits.
 */
import { BOT, ROOM, type ChatworkEmulator } from '../../tools/emulator/index.js'

/** The bot asks; returns the question's id, as the asking step's message-id output would be. */
export function postQuestion(server: ChatworkEmulator): string {
  return server.post(ROOM, BOT, 'Deploy v2 to production? Reply /approve or /reject').message_id
}

/** The question's id, once the action has posted it. */
export async function questionOf(server: ChatworkEmulator, text: string): Promise<string> {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    const found = server
      .messages(ROOM)
      .find(m => m.account.account_id === BOT.account_id && m.body === text)
    if (found) return found.message_id
    await new Promise(resolve => setTimeout(resolve, 50))
  }
  throw new Error(`the action did not post ${JSON.stringify(text)}`)
}

/** The bot's Replies to the question: the announcements. */
export function announcementsOf(server: ChatworkEmulator, questionId: string): string[] {
  const header = `[rp aid=${BOT.account_id} to=${ROOM}-${questionId}]${BOT.name}\n`
  return server
    .messages(ROOM)
    .filter(m => m.account.account_id === BOT.account_id && m.body.startsWith(header))
    .map(m => m.body.slice(header.length))
}
