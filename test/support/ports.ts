/**
 * A loopback port that refuses connections, for the tests of an unreachable Chatwork or proxy.
 *
 * Not "listen on port 0, close, use that port": the kernel may hand the freed port to the next
 * listen(0) of any process, such as another suite's emulator, which then answers the request
 * the test meant to be refused (seen as a flake: a 401 where ECONNREFUSED was expected, and an
 * extra request in the other suite). listen(0) takes ports from the ephemeral range (32768 and
 * up on Linux) and the suites bind no fixed port, so a port below 1024 that refuses now keeps
 * refusing. The search goes down from 1023: many of the lowest ports are on the Fetch
 * standard's list of blocked ports, where Node's fetch (the contract script's client) fails
 * without connecting.
 */
import net from 'node:net'

/** True when a connection is refused; false when it is accepted, or has no answer in 1 s. */
function refuses(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const socket = net.connect({ port, host: '127.0.0.1', timeout: 1_000 })
    const answer = (refused: boolean) => {
      socket.destroy()
      resolve(refused)
    }
    socket.once('connect', () => answer(false))
    socket.once('timeout', () => answer(false))
    socket.once('error', (error: NodeJS.ErrnoException) => answer(error.code === 'ECONNREFUSED'))
  })
}

let found: Promise<number> | undefined

async function search(): Promise<number> {
  for (let port = 1023; port >= 1000; port--) if (await refuses(port)) return port
  throw new Error('no port from 1000 to 1023 on 127.0.0.1 refuses connections')
}

/** A port on 127.0.0.1 where nothing listens, found once per process. */
export function refusedPort(): Promise<number> {
  found ??= search()
  return found
}
