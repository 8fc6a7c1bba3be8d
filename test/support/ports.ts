/**
 * A loopback port that refuses connections, for the tests of an unreachable Chatwork or proxy.
 *
 * Not "listen on port 0, close, use that port": the kernel may hand the freed port to the next
 * listen(0) of any process, such as another suite's emulator, which then answers the request
 * the test meant to be refused (seen as a flake: a 401 where ECONNREFUSED was expected, and an
 * extra request in the other suite). listen(0) takes ports from the ephemeral range (32768 and
 * up on Linux) and the suites bind no fixed port, so a port below 1024 that refuses now keeps
 * refusing.
 */
import net from 'node:net'

function refuses(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const socket = net.connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(false)
    })
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'))
  })
}

let found: Promise<number> | undefined

async function search(): Promise<number> {
  for (let port = 1; port < 1024; port++) if (await refuses(port)) return port
  throw new Error('every port below 1024 on 127.0.0.1 accepts connections')
}

/** A port on 127.0.0.1 where nothing listens, found once per process. */
export function refusedPort(): Promise<number> {
  found ??= search()
  return found
}
