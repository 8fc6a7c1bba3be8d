/**
 * The emulator's route table (tools/emulator/routes.ts) is in the order of the endpoints that
 * docs/chatwork-api.md lists, so a reader goes from one to the other; the routes that the
 * document does not list (only tests use them) come after those of their table.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOM_ROUTES, TOP_ROUTES } from '../tools/emulator/routes.js'
import { ROOT } from '../tools/run-action.js'

/** `GET /rooms/{room_id}/tasks/{task_id}` and a route's `/^\/tasks\/(\d+)$/` alike: `GET /rooms/{}/tasks/{}`. */
const normalise = (method: string, route: string) =>
  `${method} ${route.replace(/\{\w+\}|\(\\d\+\)/g, '{}')}`

/** The requests of the document's "Endpoints used" table, in its order. */
function documented(): string[] {
  const text = readFileSync(path.join(ROOT, 'docs/chatwork-api.md'), 'utf8')
  const section = text.split('## Endpoints used')[1]?.split('\n## ')[0] ?? ''
  return section
    .split('\n')
    .filter(line => line.startsWith('| `'))
    .flatMap(line => {
      const cell = (line.split('|')[1] ?? '').replace(/`/g, '').trim()
      const [, methods = '', route = ''] = /^([A-Z /]+?) (\/\S+)/.exec(cell) ?? []
      return methods.split(' / ').map(method => normalise(method, route.replace(/\?.*$/, '')))
    })
}

const routed = (routes: { method: string; path: RegExp }[], prefix: string) =>
  routes.map(({ method, path }) =>
    normalise(method, prefix + path.source.replace(/^\^|\$$/g, '').replace(/\\\//g, '/'))
  )

describe('the emulator route table', () => {
  it('lists the documented endpoints in the document order, then the ones only tests use', () => {
    const docs = documented()
    expect(docs.length).toBeGreaterThan(10)
    const routes = [...routed(TOP_ROUTES, ''), ...routed(ROOM_ROUTES, '/rooms/{}')]
    for (const request of docs) expect(routes).toContain(request)
    const inDocs = (table: string[]) => table.filter(route => docs.includes(route))
    const top = routed(TOP_ROUTES, '')
    const room = routed(ROOM_ROUTES, '/rooms/{}')
    expect([...inDocs(top), ...inDocs(room)]).toEqual(docs)
    for (const table of [top, room]) {
      const lastDocumented = Math.max(...table.map((route, i) => (docs.includes(route) ? i : -1)))
      expect(table.slice(0, lastDocumented + 1).every(route => docs.includes(route))).toBe(true)
    }
  })
})
