/**
 * End-to-end, on the bundle: values are escaped where Chatwork could read a tag, and only there.
 * A pull request title's `[To:id]` reaches the room as text; `dependabot[bot]` reaches it as
 * written, without an invisible character.
 */
import { describe, expect, it } from 'vitest'
import { BOB, ChatworkEmulator, ROOM } from '../tools/emulator/index.js'
import { runAgainst, useEmulator } from './support/e2e.js'
import { recordedEventWith } from './support/events.js'

const server = useEmulator()
const B = '\u200B'

async function sent(message: string, pullRequest: object): Promise<string> {
  const result = await runAgainst(
    server(),
    { message },
    { event: recordedEventWith('pull_request.opened', { pull_request: pullRequest }) }
  )
  expect(result.exitCode, result.stdout).toBe(0)
  return server().messages(ROOM)[0]?.body ?? ''
}

describe('escaping what Chatwork reads as a tag', () => {
  it('breaks the tags of a title and leaves every other bracket as written', async () => {
    const body = await sent(
      'PR: {{ github.event.pull_request.title }} by {{ github.event.pull_request.user.login }}',
      {
        title: `[To:${BOB.account_id}] Bump arr[0] from 1 to 2 [Info] [x]`,
        user: { login: 'dependabot[bot]' }
      }
    )
    expect(body).toBe(
      `PR: [${B}To:${BOB.account_id}] Bump arr[0] from 1 to 2 [${B}Info] [x] by dependabot[bot]`
    )
    expect(ChatworkEmulator.mentions(body)).toEqual({ to: [], toAll: false })
  })

  it('breaks a tag that forms where values meet each other or the template text', async () => {
    const body = await sent(
      '[To:{{ github.event.pull_request.user.id }}] {{ github.event.pull_request.title }}{{ github.event.pull_request.body }} [toall]',
      { title: '[', body: 'toall]', user: { id: BOB.account_id } }
    )
    expect(body).toBe(`[${B}To:${BOB.account_id}] [${B}toall] [toall]`)
    expect(ChatworkEmulator.mentions(body)).toEqual({ to: [], toAll: true })
  })

  it('the markdown filter keeps its own tags and breaks those of the text', async () => {
    const body = await sent('{{ github.event.pull_request.body | markdown }}', {
      body: `Bumps dependabot[bot], \`a[1]\`.\n\n\`\`\`\n[To:${BOB.account_id}]\n\`\`\``
    })
    expect(body).toBe(`Bumps dependabot[bot], a[1].\n\n[code][${B}To:${BOB.account_id}][/code]`)
    expect(ChatworkEmulator.mentions(body)).toEqual({ to: [], toAll: false })
  })
})
