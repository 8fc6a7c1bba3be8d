/**
 * Hostile values that a unit test checks one by one and an end-to-end table checks through the
 * bundle (its first row in npm test, the rest in the tables step): written once, here.
 */

/** [input, value, what the error says]: files a step may not read. */
export const FORBIDDEN_FILES = [
  ['message-file', '/proc/self/environ', 'outside the job'],
  ['message-file', '../../../../etc/passwd', 'outside the job'],
  ['message-file', '.git/config', 'inside a .git directory'],
  ['file', '/proc/self/environ', 'outside the job'],
  ['file', '.git/config', 'inside a .git directory'],
  ['message-file', 'link-out', 'outside the job']
] as const

/** The workspace FORBIDDEN_FILES expects: a .git/config with a credential, and a link out. */
export const FORBIDDEN_FILES_WORKSPACE = {
  files: { '.git/config': '[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0' },
  links: { 'link-out': '/proc/self/environ' }
}

/** [what it is, the body of a 200 answer to a POST]: a message_id that is not one. */
export const INVALID_POSTED_IDS = [
  ['1e400', '{"message_id": 1e400}'],
  ['1.5e3', '{"message_id": 1.5e3}'],
  ['21 digits', '{"message_id": "123456789012345678901"}'],
  ['a list nested 100000 deep', `{"message_id": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`]
] as const
