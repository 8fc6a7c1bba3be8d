/**
 * End-to-end, the bundled action against the emulator: mentions and info boxes (`to`, `to-all`,
 * `title`).
 */
import { describe, expect, it } from 'vitest'
import { ALICE, BOB, ChatworkEmulator, ROOM } from '../tools/emulator/index.js'
import { failure, ok, runOn, useEmulator } from './support/e2e.js'

const server = useEmulator()
const run = runOn(server)

describe('mentions and info boxes', () => {
  it('to: one [To:id] per account on the first line, then the text', async () => {
    ok(await run({ message: 'Please review', to: '2002, 3003\n2002' }))
    const body = server().messages(ROOM)[0]?.body
    expect(body).toBe('[To:2002][To:3003]\nPlease review')
    expect(ChatworkEmulator.mentions(body ?? '')).toEqual({
      to: [ALICE.account_id, BOB.account_id],
      toAll: false
    })
  })

  it('to-all puts [toall] first', async () => {
    ok(await run({ message: 'Release day', 'to-all': 'true', to: '2002' }))
    expect(server().messages(ROOM)[0]?.body).toBe('[toall][To:2002]\nRelease day')
  })

  it('title wraps the message in an info box, mentions stay outside and notify', async () => {
    ok(
      await run(
        {
          message: '{{ github.event.head_commit.message }}',
          title: 'Build {{ github.ref_name }} {{ env.STATUS }}',
          to: '3003'
        },
        { env: { STATUS: '[toall] failed' } }
      )
    )
    const body = server().messages(ROOM)[0]?.body ?? ''
    expect(body).toBe(
      '[To:3003]\n[info][title]Build main [\u200Btoall] failed[/title]Fix the build[/info]'
    )
    expect(ChatworkEmulator.mentions(body)).toEqual({ to: [BOB.account_id], toAll: false })
  })

  it('refuses account ids that are not digits, before any request', async () => {
    const result = await run({ message: 'x', to: '2002, alice' })
    expect(failure(result)).toBe(
      "Input 'to' has 'alice'; expected Chatwork account ids (digits only), or GitHub logins when 'account-map' is set, separated by commas or newlines."
    )
    expect(server().requests).toHaveLength(0)
  })

  it('warns when a mentioned account is not in the room', async () => {
    const result = ok(await run({ message: 'x', to: '2002, 999' }))
    expect(result.stdout).toContain(
      `::warning::Account 999 is not a member of room ${ROOM}: the [To:] mention will not notify it.`
    )
    expect(server().messages(ROOM)).toHaveLength(1)
  })
})
