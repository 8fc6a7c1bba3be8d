/**
 * Chatwork's 65,535 for a body is documented without a unit. The action checks characters
 * before sending; should Chatwork count UTF-8 bytes, a body within 65,535 characters but over
 * 65,535 bytes (about 21,800 Japanese characters and up) gets a 400. That 400 is recognised by
 * its status and the body's size, not by Chatwork's words, and becomes advice.
 */
import { MAX_BODY_LENGTH } from '../constants.js'
import { BodyBytesError, ChatworkHttpError } from '../errors.js'

/** The UTF-8 size of a body, when it is over the limit counted in bytes; else undefined. */
function bytesOverLimit(body: string): number | undefined {
  const bytes = Buffer.byteLength(body, 'utf8')
  return bytes > MAX_BODY_LENGTH ? bytes : undefined
}

/** Runs `send`; a 400 for a body over the limit in bytes becomes a BodyBytesError. */
export async function sendingBody<T>(body: string, send: () => Promise<T>): Promise<T> {
  try {
    return await send()
  } catch (error) {
    const bytes = bytesOverLimit(body)
    if (!(error instanceof ChatworkHttpError) || error.status !== 400 || bytes === undefined) {
      throw error
    }
    throw new BodyBytesError(
      error,
      `The body has ${body.length} characters but ${bytes} UTF-8 bytes: Chatwork seems to count its limit of ${MAX_BODY_LENGTH} in bytes (a Japanese character takes 3). Shorten the message to at most ${MAX_BODY_LENGTH} bytes, e.g. {{ value | truncate: 20000 }}; it was not sent again.`
    )
  }
}
