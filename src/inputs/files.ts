/**
 * Files that inputs name (`message-file`, `file`) are read only from the job's own files: inside
 * the workspace (GITHUB_WORKSPACE) or the runner's temporary folder (RUNNER_TEMP), after
 * following links, never inside a `.git` directory (checkout keeps the job's token in
 * `.git/config`), and never a credential file that another action left there
 * (credential-files.ts). Without this, `message-file: /proc/self/environ` would post the
 * environment, token included. The file is opened once, without waiting (a FIFO would block the
 * open until a writer came, and the step with it); the handle must be a regular file, and its
 * size is checked and its bytes read through that one handle, so a file that grows or is swapped
 * after the check is never sent.
 */
import fs from 'node:fs'
import path from 'node:path'
import { credentialFile } from './credential-files.js'
import { InputError } from '../errors.js'
import { quote } from '../format.js'

interface JobFile {
  /** The real path, after following links. */
  path: string
  /** The file's name as Chatwork shows it. */
  name: string
  content: Buffer
}

interface Root {
  variable: string
  path: string
}

/**
 * Reads the file `value` names (relative to the workspace, or absolute), refusing one outside the
 * job's files or larger than `maxBytes`; `sizeRule` says that bound in words for the error.
 */
export function readJobFile(
  input: string,
  value: string,
  maxBytes: number,
  sizeRule: string
): JobFile {
  const roots = jobRoots()
  const workspace = roots[0]?.path ?? process.cwd()
  const real = realPath(input, value, path.resolve(workspace, value))
  const root = roots.find(r => real.startsWith(r.path + path.sep))
  if (!root) {
    const where = roots.map(r => `${r.variable} (${r.path})`).join(' or ')
    throw new InputError(
      `Input '${input}' is ${quote(value)}, which is ${quote(real)}: outside the job's files. Files must be inside ${where}; create the file there in an earlier step.`
    )
  }
  if (path.relative(root.path, real).split(path.sep).includes('.git')) {
    throw new InputError(
      `Input '${input}' is ${quote(value)}: the file is inside a .git directory, which holds the repository's credentials. Use a file of the workspace outside .git.`
    )
  }
  refuseCredentialFile(input, value, real, roots)
  return {
    path: real,
    name: path.basename(real),
    content: readOnce(input, value, real, maxBytes, sizeRule)
  }
}

/** The workspace, then the runner's temporary folder, as real paths; missing ones left out. */
function jobRoots(): Root[] {
  const candidates: [string, string | undefined][] = [
    ['GITHUB_WORKSPACE', process.env.GITHUB_WORKSPACE || process.cwd()],
    ['RUNNER_TEMP', process.env.RUNNER_TEMP]
  ]
  return candidates.flatMap(([variable, dir]) => {
    if (!dir) return []
    try {
      return [{ variable, path: fs.realpathSync(dir) }]
    } catch {
      return []
    }
  })
}

/** A root may lie inside the other: the file is checked against every root that holds it. */
function refuseCredentialFile(input: string, value: string, real: string, roots: Root[]): void {
  for (const root of roots) {
    if (!real.startsWith(root.path + path.sep)) continue
    const holds = credentialFile(root.variable, path.relative(root.path, real).split(path.sep))
    if (holds) {
      throw new InputError(
        `Input '${input}' is ${quote(value)}, which is ${quote(real)}: that file is ${holds}, and the action never reads it. Write what you want to send to a file of your own.`
      )
    }
  }
}

function realPath(input: string, value: string, resolved: string): string {
  try {
    return fs.realpathSync(resolved)
  } catch {
    throw new InputError(
      `Input '${input}' is ${quote(value)}: no such file (looked for ${quote(resolved)}). Paths are relative to the workspace; check out the repository or create the file in an earlier step.`
    )
  }
}

function readOnce(
  input: string,
  value: string,
  real: string,
  maxBytes: number,
  sizeRule: string
): Buffer {
  const fd = open(input, value, real)
  try {
    const stats = fs.fstatSync(fd)
    if (!stats.isFile()) {
      throw new InputError(
        `Input '${input}' is ${quote(value)}: ${quote(real)} is ${kindOf(stats)}, not a regular file. Name a file that an earlier step wrote.`
      )
    }
    const tooLarge = (size: string) =>
      new InputError(
        `Input '${input}' is ${quote(value)}: the file has ${size} bytes; ${sizeRule} (${maxBytes} bytes).`
      )
    if (stats.size > maxBytes) throw tooLarge(String(stats.size))
    // Read at most one byte past the limit: a file that grew since fstat is refused, not sent.
    const buffer = Buffer.alloc(maxBytes + 1)
    let length = 0
    for (;;) {
      const read = fs.readSync(fd, buffer, length, buffer.length - length, null)
      if (read === 0) break
      length += read
      if (length > maxBytes) throw tooLarge(`more than ${maxBytes}`)
    }
    return buffer.subarray(0, length)
  } finally {
    fs.closeSync(fd)
  }
}

/**
 * Opens without following a last link (the path is already real) and without blocking: a FIFO
 * opens at once instead of waiting for a writer, and is then refused by its handle. A socket
 * cannot be opened at all (ENXIO). O_NONBLOCK does not exist on Windows, which has no FIFOs.
 */
function open(input: string, value: string, real: string): number {
  const { O_RDONLY, O_NOFOLLOW, O_NONBLOCK } = fs.constants
  try {
    return fs.openSync(real, O_RDONLY | (O_NOFOLLOW ?? 0) | (O_NONBLOCK ?? 0))
  } catch (error) {
    const code = (error as { code?: unknown }).code
    const why =
      code === 'ENXIO'
        ? 'is a socket, not a regular file'
        : code === 'EACCES' || code === 'EPERM'
          ? 'cannot be read (permission denied)'
          : `cannot be opened (${typeof code === 'string' ? code : 'error'})`
    throw new InputError(
      `Input '${input}' is ${quote(value)}: ${quote(real)} ${why}. Name a file that an earlier step wrote.`
    )
  }
}

function kindOf(stats: fs.Stats): string {
  if (stats.isDirectory()) return 'a directory'
  if (stats.isFIFO()) return 'a FIFO (named pipe)'
  if (stats.isSocket()) return 'a socket'
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device'
  return 'a special file'
}
