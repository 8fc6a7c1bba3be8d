/** A checkout made up in a temporary directory, for the tests of the build scripts. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach } from 'vitest'

/**
 * A new empty directory before each test of the file, removed after it. Returns the directory
 * of the running test, and `write(file, text)`, which writes a file under it (folders too).
 */
export function useScratchDir(prefix: string): {
  root: () => string
  write: (file: string, text: string) => void
} {
  let root = ''
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), prefix))
  })
  afterEach(() => rmSync(root, { recursive: true, force: true }))
  return {
    root: () => root,
    write: (file, text) => {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true })
      writeFileSync(path.join(root, file), text)
    }
  }
}
