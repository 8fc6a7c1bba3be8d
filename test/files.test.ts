import fs from 'node:fs'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import net from 'node:net'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { InputError } from '../src/errors.js'
import { readJobFile } from '../src/inputs/files.js'
import { quote } from '../src/format.js'
import { FORBIDDEN_FILES, FORBIDDEN_FILES_WORKSPACE } from './support/hostile-values.js'

let workspace: string
beforeEach(() => {
  workspace = mkdtempSync(path.join(tmpdir(), 'files-'))
  vi.stubEnv('GITHUB_WORKSPACE', workspace)
  vi.stubEnv('RUNNER_TEMP', '')
})
afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllEnvs()
  rmSync(workspace, { recursive: true, force: true })
})

describe('readJobFile', () => {
  it('reads a workspace file through one handle', () => {
    writeFileSync(path.join(workspace, 'a.txt'), 'hello')
    const file = readJobFile('file', 'a.txt', 10, 'at most 10 bytes')
    expect(file).toMatchObject({ name: 'a.txt', content: Buffer.from('hello') })
  })

  it('refuses a file that grew past the limit after its size was checked', () => {
    writeFileSync(path.join(workspace, 'log.txt'), 'x'.repeat(64))
    // The size check sees the file as it was; by the time it is read it has 64 bytes.
    const fstat = fs.fstatSync.bind(fs)
    vi.spyOn(fs, 'fstatSync').mockImplementation(
      fd => ({ ...fstat(fd), size: 8, isFile: () => true }) as fs.Stats
    )
    const error = (() => {
      try {
        return readJobFile('file', 'log.txt', 16, 'at most 16 bytes here')
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(InputError)
    expect((error as Error).message).toBe(
      "Input 'file' is 'log.txt': the file has more than 16 bytes; at most 16 bytes here (16 bytes)."
    )
  })
})

/** The error readJobFile throws, or undefined when it reads the file. */
function refusal(input: string, value: string): string | undefined {
  try {
    readJobFile(input, value, 1024, 'at most 1 kB')
    return undefined
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    return (error as Error).message
  }
}

describe("files outside the job's", () => {
  // What the security suite checks through the bundle, one row of it in npm test: here each
  // value, in the loop a developer runs after a change.
  it.each(FORBIDDEN_FILES)('refuses %s %s: %s', (input, value, expected) => {
    for (const [name, content] of Object.entries(FORBIDDEN_FILES_WORKSPACE.files)) {
      fs.mkdirSync(path.dirname(path.join(workspace, name)), { recursive: true })
      writeFileSync(path.join(workspace, name), content)
    }
    for (const [name, target] of Object.entries(FORBIDDEN_FILES_WORKSPACE.links))
      fs.symlinkSync(target, path.join(workspace, name))
    const message = refusal(input, value)
    expect(message).toContain(`Input '${input}' is ${quote(value)}`)
    expect(message).toContain(expected)
    if (expected === 'outside the job') {
      expect(message).toContain(
        `Files must be inside GITHUB_WORKSPACE (${fs.realpathSync(workspace)})`
      )
    }
    expect(message).not.toContain('c2VjcmV0')
  })
})

describe('credential files other actions leave in the job', () => {
  let temp: string
  beforeEach(() => {
    temp = mkdtempSync(path.join(tmpdir(), 'runner-temp-'))
    vi.stubEnv('RUNNER_TEMP', temp)
  })
  afterEach(() => rmSync(temp, { recursive: true, force: true }))

  const UUID = '0f8e2b3c-5d6a-4e7f-9a1b-2c3d4e5f6a7b'
  it.each([
    ['RUNNER_TEMP', `git-credentials-${UUID}.config`, "actions/checkout's persisted credentials"],
    ['RUNNER_TEMP', UUID, "actions/checkout's SSH private key"],
    ['RUNNER_TEMP', '.npmrc', 'an npm configuration with registry tokens'],
    ['GITHUB_WORKSPACE', '.npmrc', 'an npm configuration with registry tokens'],
    ['GITHUB_WORKSPACE', 'packages/web/.npmrc', 'an npm configuration with registry tokens'],
    ['GITHUB_WORKSPACE', 'gha-creds-ef801c3bb35b52e5.json', "google-github-actions/auth's"]
  ])('refuses %s/%s, also through a link', (root, name, holds) => {
    const dir = root === 'RUNNER_TEMP' ? temp : workspace
    const file = path.join(dir, name)
    fs.mkdirSync(path.dirname(file), { recursive: true })
    writeFileSync(file, '_authToken=secret-value')
    fs.symlinkSync(file, path.join(workspace, 'notes.txt'))
    for (const value of [file, 'notes.txt']) {
      const message = refusal('message-file', value)
      expect(message).toContain(
        `Input 'message-file' is ${quote(value)}, which is ${quote(fs.realpathSync(file))}`
      )
      expect(message).toContain(`that file is ${holds}`)
      expect(message).not.toContain('secret-value')
    }
  })

  it.each([
    ['GITHUB_WORKSPACE', `git-credentials-${UUID}.config`],
    ['GITHUB_WORKSPACE', UUID],
    ['RUNNER_TEMP', `sub/${UUID}`],
    ['RUNNER_TEMP', 'gha-creds-ef801c3bb35b52e5.json'],
    ['GITHUB_WORKSPACE', 'docs/npmrc.md']
  ])('reads %s/%s: the same name elsewhere is not that file', (root, name) => {
    const file = path.join(root === 'RUNNER_TEMP' ? temp : workspace, name)
    fs.mkdirSync(path.dirname(file), { recursive: true })
    writeFileSync(file, 'release notes')
    expect(readJobFile('file', file, 1024, 'at most 1 kB').content.toString()).toBe('release notes')
  })
})

describe('files that are not regular files', () => {
  it('refuses a unix socket without blocking', async () => {
    const server = net.createServer()
    await new Promise<void>(resolve => server.listen(path.join(workspace, 'agent.sock'), resolve))
    try {
      expect(refusal('file', 'agent.sock')).toMatch(
        /^Input 'file' is 'agent.sock': '.*agent\.sock' is a socket, not a regular file\./
      )
    } finally {
      await new Promise(resolve => server.close(resolve))
    }
  })

  it('refuses a directory', () => {
    fs.mkdirSync(path.join(workspace, 'docs'))
    expect(refusal('message-file', 'docs')).toMatch(
      /^Input 'message-file' is 'docs': '.*docs' is a directory, not a regular file\./
    )
  })
})
