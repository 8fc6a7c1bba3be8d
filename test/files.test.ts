import fs from 'node:fs'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { InputError } from '../src/errors.js'
import { readJobFile } from '../src/files.js'

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
