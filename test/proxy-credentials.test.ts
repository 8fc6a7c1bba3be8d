/** Proxy credentials found whatever they hold, in every form they could be printed. */
import { describe, expect, it } from 'vitest'
import { parseProxy } from '../src/inputs/parse.js'
import { proxySecrets, redactProxy } from '../src/inputs/proxy-credentials.js'

describe('proxy credentials', () => {
  it.each([
    ['percent-encoded', 'http://ci-bot:p%40ss%3Aw%2Frd@proxy.example:3128', 'ci-bot', 'p@ss:w/rd'],
    ['with a raw @ and :', 'http://ci-bot:p@ss:w@rd@proxy.example:3128', 'ci-bot', 'p@ss:w@rd'],
    ['with a raw /', 'http://ci-bot:pa/ss?w#rd@proxy.example:3128/', 'ci-bot', 'pa/ss?w#rd'],
    ['without a scheme', 'ci-bot:hunter2@proxy.example:3128', 'ci-bot', 'hunter2'],
    ['with a user name to mask', 'https://us%20er@proxy.example', 'us er', '']
  ])('%s: user name and password, decoded and encoded', (_, value, user, password) => {
    const secrets = proxySecrets(value)
    for (const plain of [user, password].filter(Boolean)) {
      expect(secrets).toContain(plain)
      expect(secrets).toContain(encodeURIComponent(plain))
    }
    expect(secrets).toContain(Buffer.from(`${user}:${password}`).toString('base64'))
    expect(secrets).not.toContain('proxy.example')
    expect(proxySecrets(`  ${value}\n`)).toEqual(secrets)
  })

  it('finds nothing without credentials', () => {
    expect(proxySecrets('http://proxy.example:3128')).toEqual([])
    expect(proxySecrets('')).toEqual([])
  })

  it('redacts the whole password, also one with raw @, : and /', () => {
    expect(redactProxy('http://u:p@ss:w/rd@proxy:3128')).toBe('http://u:***@proxy:3128')
    expect(redactProxy('http://proxy:3128')).toBe('http://proxy:3128')
  })

  it("refuses a raw '/' in a password with advice, never showing it", () => {
    let message = ''
    try {
      parseProxy('http://u:pa/ss@proxy:3128')
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toBe(
      "Input 'proxy' is 'http://u:***@proxy:3128'; its user name or password holds '/', '?', '#' or '\\', which end a URL's host part: percent-encode them (%2F, %3F, %23, %5C)."
    )
    expect(parseProxy('http://u:p@ss@proxy:3128')?.password).toBe('p%40ss')
  })
})
