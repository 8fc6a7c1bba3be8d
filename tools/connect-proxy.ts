/**
 * A real CONNECT proxy on 127.0.0.1 for tests: it records each tunnel (target and
 * Proxy-Authorization), answers `answer` when it is set (a proxy's own page), 407 when
 * `requireAuth` is set and no credentials came, and forwards every other tunnel to `upstream`
 * (the emulator), whatever host was asked for.
 */
import http from 'node:http'
import net from 'node:net'
import type { AddressInfo } from 'node:net'

interface Tunnel {
  target: string
  auth: string | undefined
}

export class ConnectProxy {
  readonly tunnels: Tunnel[] = []
  requireAuth = false
  /** When set, the whole answer to every CONNECT (status line, headers, body): a proxy's own page. */
  answer: string | undefined
  private readonly server = http.createServer((_, res) => res.writeHead(405).end())

  constructor(private readonly upstreamPort: number) {
    this.server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
      const auth = req.headers['proxy-authorization']
      this.tunnels.push({ target: req.url ?? '', auth })
      if (this.answer !== undefined) {
        client.end(this.answer)
        return
      }
      if (auth === undefined && this.requireAuth) {
        client.end(
          'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\n\r\n'
        )
        return
      }
      const upstream = net.connect(this.upstreamPort, '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
        upstream.write(head)
        upstream.pipe(client)
        client.pipe(upstream)
      })
      upstream.on('error', () => client.destroy())
      client.on('error', () => upstream.destroy())
    })
  }

  async start(): Promise<this> {
    await new Promise<void>(resolve => this.server.listen(0, '127.0.0.1', resolve))
    return this
  }

  /** `http://{auth}127.0.0.1:{port}` */
  url(auth = ''): string {
    return `http://${auth}127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise(resolve => this.server.close(resolve))
  }
}
