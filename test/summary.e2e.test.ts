/**
 * End-to-end: the job summary of the bundled action, read from GITHUB_STEP_SUMMARY: previews of
 * what Chatwork shows, on every outcome, failures included.
 */
import { describe, expect, it } from 'vitest'
import { ALICE, BOB, BOT, FOREIGN_ROOM, ROOM } from '../tools/emulator/index.js'
import { failure, ok, runAgainst, useEmulator } from './support/e2e.js'

const server = useEmulator()

describe('the summary shows what Chatwork shows', () => {
  it('send: the preview with names of mentioned members, the link, and the notation folded', async () => {
    const result = ok(
      await runAgainst(server(), {
        to: String(ALICE.account_id),
        title: 'CI',
        message: 'Build <failed>\n[hr]see the run'
      })
    )
    const id = result.outputs['message-id'] ?? ''
    expect(result.summary).toContain(
      `Room ${ROOM}: <a href="https://www.chatwork.com/#!rid${ROOM}-${id}">open the message in Chatwork</a>`
    )
    expect(result.summary).toContain(
      '<b>@Alice Tanaka</b><br><table><tr><td><b>CI</b><br>Build &lt;failed&gt;<br><hr>see the run</td></tr></table>'
    )
    expect(result.summary).toContain(
      '<details><summary>Chatwork notation</summary><pre>[To:2002]&#10;[info][title]CI[/title]'
    )
    expect(result.summary).not.toMatch(/\n\n/)
  })

  it('dry-run: the same preview, headed not sent, with the requests', async () => {
    const result = ok(
      await runAgainst(server(), {
        message: '[toall] {{ github.actor }} deployed',
        'dry-run': 'true'
      })
    )
    expect(result.summary).toContain('<h3>Chatwork dry run: not sent</h3>')
    expect(result.summary).toContain(
      'The message, as Chatwork would show it:<div><b>@all</b> octocat deployed'
    )
    expect(result.summary).toContain(
      `POST ${server().url}/rooms/${ROOM}/messages&#10;body: [toall]`
    )
  })

  it('fetch: each message rendered, quotes collapsed, newest last', async () => {
    const asked = server().post(ROOM, BOT, 'Deploy?', 1_700_000_000)
    server().quote(ROOM, ALICE, asked, 'why now?')
    server().reply(ROOM, BOB, asked.message_id, 'fine by me')
    const result = ok(await runAgainst(server(), { mode: 'fetch' }))
    const rows = result.summary.split('</tr>')
    expect(rows.at(-2)).toContain('<b>↩ Deploy Bot</b><br>fine by me')
    expect(result.summary).toContain(
      '<details><summary>quote</summary><blockquote><i>Deploy Bot at 2023-11-14 22:13 UTC wrote:</i><br>Deploy?</blockquote></details><br>why now?'
    )
  })

  it('gate: the decision, who approved, and which answers did not count and why', async () => {
    const asked = server().post(ROOM, BOT, 'Deploy? Reply /approve')
    server().reply(ROOM, BOB, asked.message_id, 'looks risky')
    server().reply(ROOM, ALICE, asked.message_id, '/approve')
    const result = ok(
      await runAgainst(server(), {
        mode: 'fetch',
        match: '^/approve',
        'replies-to': asked.message_id
      })
    )
    expect(result.summary).toContain('<b>Decision: approved</b>; approved by Alice Tanaka (2002)')
    expect(result.summary).toContain(
      'Not counted: what these people wrote does not match ^/approve'
    )
    expect(result.summary).toContain('<td>Bob Suzuki</td><td>looks risky</td>')
  })
})

describe('failures leave a trace', () => {
  it('a failed send: what was attempted, who got it, why not, and what would have been sent', async () => {
    const result = await runAgainst(server(), {
      'room-id': `${ROOM}, ${FOREIGN_ROOM}`,
      message: 'Release [info]v2[/info]'
    })
    failure(result)
    expect(result.summary).toContain('<h3>Chatwork message not delivered</h3>')
    expect(result.summary).toMatch(
      new RegExp(`Room ${ROOM}: delivered, <a href="[^"]+">open it</a>`)
    )
    expect(result.summary).toContain(`Room ${FOREIGN_ROOM}: failed: Could not send the message`)
    expect(result.summary).toContain(
      'What was to be sent:<div>Release <table><tr><td>v2</td></tr></table></div>'
    )
    expect(result.outputs).toMatchObject({ ok: 'false' })
    expect(result.outputs.error).toContain(
      `Could not deliver to 1 of 2 rooms (${FOREIGN_ROOM}); room ${ROOM} got it.`
    )
  })

  it('with fail-on-error false: a warning, ok=false, the error, and the summary', async () => {
    const result = ok(
      await runAgainst(server(), {
        'room-id': String(FOREIGN_ROOM),
        message: 'hello',
        'fail-on-error': 'false'
      })
    )
    expect(result.stdout).toMatch(/::warning::Could not send the message/)
    expect(result.outputs.ok).toBe('false')
    expect(result.outputs.error).toContain('404 Not Found')
    expect(result.summary).toContain('<h3>Chatwork message not delivered</h3>')
    expect(ok(await runAgainst(server(), { message: 'hi' })).outputs.ok).toBe('true')
  })

  it('an input error: the error, and that nothing was sent', async () => {
    const result = await runAgainst(server(), { 'room-id': 'general' })
    expect(failure(result)).toContain("Input 'room-id' is 'general'")
    expect(result.summary).toContain('<h3>Chatwork step failed</h3>')
    expect(result.summary).toContain('Nothing was sent.')
    expect(result.outputs).toMatchObject({ ok: 'false' })
  })
})
