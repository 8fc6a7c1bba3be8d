// The floor: the least a node program can do for the same send. One POST of the same form body
// (FLOOR_BODY, the message the action would render) to the emulator, one output line.
// CommonJS on purpose: under Node 24, `import http from 'node:http'` builds the module's ESM
// namespace, whose lazy getters load undici and zlib (a cost docs/performance.md measures);
// require() does not.
const { appendFileSync } = require('node:fs')
const http = require('node:http')

const env = process.env
const form = new URLSearchParams({ body: env.FLOOR_BODY ?? '', self_unread: '0' }).toString()
const url = new URL(`${env['INPUT_API-BASE-URL']}/rooms/${env['INPUT_ROOM-ID']}/messages`)
const headers = {
  'X-ChatWorkToken': env.INPUT_TOKEN ?? '',
  'Content-Type': 'application/x-www-form-urlencoded',
  'Content-Length': Buffer.byteLength(form)
}
const request = http.request(url, { method: 'POST', headers }, response => {
  let text = ''
  response.setEncoding('utf8').on('data', chunk => (text += chunk))
  response.on('end', () =>
    appendFileSync(env.GITHUB_OUTPUT ?? '', `message-id=${JSON.parse(text).message_id}\n`)
  )
})
request.end(form)
