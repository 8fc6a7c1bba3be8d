/**
 * Chatwork's Free plan hides messages older than 40 days and says so on its answers
 * (`chatwork-message-limitation: true`). Fetch, the gate and the exactly-once look-ups cannot
 * see those messages: the person is told once, and the look-ups know that a 404 proves less.
 */
import type { ApiResponse } from './http.js'

export class MessageLimitation {
  /** An answer said so. */
  seen = false

  constructor(private readonly warn: (message: string) => void) {}

  observe(response: ApiResponse): void {
    const raw = response.headers['chatwork-message-limitation']
    const value = Array.isArray(raw) ? raw[0] : raw
    if (this.seen || value?.trim().toLowerCase() !== 'true') return
    this.seen = true
    this.warn(
      "Chatwork says it hides this room's older messages (chatwork-message-limitation: true; on the Free plan, those older than 40 days): fetch, the gate and the checks after a lost answer see only the newer ones."
    )
  }
}
