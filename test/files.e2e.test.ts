/**
 * End-to-end: files that inputs name, when they are not files a step wrote: a FIFO or a socket
 * (which would block a reader), a device, another action's credential file.
 */
import { execFileSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import net from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { quote } from '../src/format.js'
import { expectNoStackTrace, failure, runAgainst, useEmulator } from './support/e2e.js'
import { table } from './support/table.js'

const server = useEmulator()

/** Inputs that read the file at `value`. */
const reading = (input: string, value: string): Record<string, string> =>
  input === 'account-map'
    ? { 'account-map': `@${value}`, message: 'x', to: 'octocat' }
    : input === 'file'
      ? { file: value, message: 'x' }
      : { 'message-file': value }

describe('files that would block a reader', () => {
  table(['message-file', 'file', 'account-map'])(
    '%s: a FIFO in the workspace fails the step at once, sending nothing',
    async input => {
      const started = performance.now()
      const result = await runAgainst(server(), reading(input, 'pipe'), {
        prepare: workspace => void execFileSync('mkfifo', [path.join(workspace, 'pipe')])
      })
      const elapsed = performance.now() - started
      expect(failure(result)).toMatch(
        new RegExp(
          `^Input '${input}' is 'pipe': '.*pipe' is a FIFO \\(named pipe\\), not a regular file\\.`
        )
      )
      // A blocked open would wait for a writer until the job's timeout; a start takes well under this.
      expect(elapsed).toBeLessThan(10_000)
      expect(server().requests).toHaveLength(0)
      expectNoStackTrace(result)
    }
  )

  it('a unix socket in the workspace fails the step, sending nothing', async () => {
    const listener = net.createServer(socket => socket.end())
    try {
      const result = await runAgainst(server(), reading('message-file', 'agent.sock'), {
        prepare: workspace =>
          new Promise<void>(resolve => listener.listen(path.join(workspace, 'agent.sock'), resolve))
      })
      expect(failure(result)).toMatch(
        /^Input 'message-file' is 'agent.sock': '.*agent\.sock' is a socket, not a regular file\./
      )
      expect(server().requests).toHaveLength(0)
    } finally {
      await new Promise(resolve => listener.close(resolve))
    }
  })

  it('/dev/zero through a link in the workspace is outside the job', async () => {
    const result = await runAgainst(server(), reading('file', 'zeros'), {
      links: { zeros: '/dev/zero' }
    })
    expect(failure(result)).toContain(
      "Input 'file' is 'zeros', which is '/dev/zero': outside the job's files"
    )
    expect(server().requests).toHaveLength(0)
  })
})

describe("other actions' credential files", () => {
  it("refuses checkout's git-credentials config in RUNNER_TEMP, naming the input and why", async () => {
    const temp = await mkdtemp(path.join(tmpdir(), 'runner-temp-'))
    try {
      const name = 'git-credentials-0f8e2b3c-5d6a-4e7f-9a1b-2c3d4e5f6a7b.config'
      await writeFile(
        path.join(temp, name),
        '[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic c2VjcmV0LXRva2Vu\n'
      )
      for (const input of ['message-file', 'file', 'account-map']) {
        const result = await runAgainst(server(), reading(input, path.join(temp, name)), {
          env: { RUNNER_TEMP: temp }
        })
        const error = failure(result)
        expect(error).toContain(`Input '${input}' is ${quote(path.join(temp, name))}`)
        expect(error).toContain(
          "that file is actions/checkout's persisted credentials (the job's token)"
        )
        expect(result.stdout + result.stderr).not.toContain('c2VjcmV0LXRva2Vu')
      }
      expect(server().requests).toHaveLength(0)
    } finally {
      await rm(temp, { recursive: true, force: true })
    }
  })

  it("refuses google-github-actions/auth's gha-creds file in the workspace", async () => {
    const result = await runAgainst(server(), reading('file', 'gha-creds-ef801c3bb35b52e5.json'), {
      files: { 'gha-creds-ef801c3bb35b52e5.json': '{"private_key": "-----BEGIN PRIVATE KEY-----"}' }
    })
    expect(failure(result)).toContain("Input 'file' is 'gha-creds-ef801c3bb35b52e5.json', which is")
    expect(result.stdout).toContain("google-github-actions/auth's Google Cloud credentials")
    expect(result.stdout + result.stderr).not.toContain('BEGIN PRIVATE KEY')
    expect(server().requests).toHaveLength(0)
  })
})
