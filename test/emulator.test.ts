/**
 * The emulator itself, over real HTTP: reset(), the endpoints only tests use, the rule that
 * POST and PUT read the form body only, every value of every profile factor, the buttons' name
 * styles and the latency option.
 */
import http from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import {
  ALICE,
  BOB,
  BOT,
  ChatworkEmulator,
  DEFAULT_PROFILE,
  DEFAULT_TOKEN,
  FACTORS,
  FOREIGN_ROOM,
  OPS_ROOM,
  OTHER_TOKEN,
  PROFILE_VALUES,
  parseProfile,
  READONLY_ROOM,
  ROOM,
  type EmulatorOptions,
  type Factor,
  type Profile
} from '../tools/emulator/index.js'

let running: ChatworkEmulator[] = []
afterEach(async () => {
  await Promise.all(running.map(e => e.stop()))
  running = []
})

async function start(options: EmulatorOptions = {}): Promise<ChatworkEmulator> {
  const emulator = await new ChatworkEmulator(options).start()
  running.push(emulator)
  return emulator
}

interface Call {
  form?: Record<string, string>
  query?: Record<string, string>
  token?: string
}

async function call(emulator: ChatworkEmulator, method: string, path: string, c: Call = {}) {
  const url = new URL(emulator.url + path)
  for (const [k, v] of Object.entries(c.query ?? {})) url.searchParams.set(k, v)
  const res = await fetch(url, {
    method,
    headers: {
      'x-chatworktoken': c.token ?? DEFAULT_TOKEN,
      ...(c.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {})
    },
    body: c.form ? new URLSearchParams(c.form).toString() : undefined
  })
  const text = await res.text()
  return { status: res.status, headers: res.headers, text, body: text ? JSON.parse(text) : null }
}

const post = (e: ChatworkEmulator, body: string, token = DEFAULT_TOKEN) =>
  call(e, 'POST', `/rooms/${ROOM}/messages`, { form: { body }, token })
const addTasks = (e: ChatworkEmulator, form: Record<string, string>) =>
  call(e, 'POST', `/rooms/${ROOM}/tasks`, { form: { body: 'Ship it', to_ids: '2002', ...form } })
const served = (e: ChatworkEmulator, factor: Factor) =>
  e.served.get(`${factor}=${e.profile[factor]}`)

describe('reset()', () => {
  it('returns to the fixtures and forgets requests, faults, cursors, limits and served counts', async () => {
    const emulator = await start({ roomPostLimit: { max: 1, windowMs: 60_000 } })
    const before = (await post(emulator, 'first')).body.message_id as string
    emulator.addTask(ROOM, BOT, [ALICE.account_id], 'task')
    emulator.setRole(ROOM, BOB.account_id, 'readonly')
    emulator.addRoom(777, 'Extra', [[BOT.account_id, 'admin']])
    emulator.inject({ times: 5, fault: { kind: 'status', status: 500 } })
    expect(emulator.served.size).toBeGreaterThan(0)

    emulator.reset()
    expect(emulator.requests).toEqual([])
    expect(emulator.served.size).toBe(0)
    expect(emulator.messages(ROOM)).toEqual([])
    expect(emulator.tasks(ROOM)).toEqual([])
    expect(emulator.rooms.get(ROOM)?.members.get(BOB.account_id)).toBe('member')
    expect(emulator.rooms.has(777)).toBe(false)
    // No fault left, and the room's posting window is fresh again.
    const after = await post(emulator, 'second')
    expect(after.status).toBe(200)
    expect(BigInt(after.body.message_id)).toBeGreaterThan(BigInt(before))
    // The force=0 cursor is gone with the old messages: the new one is not skipped.
    const fresh = await call(emulator, 'GET', `/rooms/${ROOM}/messages`)
    expect(fresh.body.map((m: { body: string }) => m.body)).toEqual(['second'])
  })
})

describe("the emulator's state from outside", () => {
  it('changes only through its methods, which do what a person would in Chatwork', async () => {
    const emulator = await start()
    const [task] = emulator.addTask(ROOM, BOT, [ALICE.account_id], 'task')
    const notice = emulator.messages(ROOM).at(-1)
    if (!task || !notice) throw new Error('no task')
    emulator.setTaskStatus(ROOM, task.task_id, 'done')
    expect(emulator.tasks(ROOM)[0]?.status).toBe('done')
    const sent = notice.send_time
    emulator.backdate(ROOM, notice.message_id, 3600)
    expect(emulator.messages(ROOM).at(-1)?.send_time).toBe(sent - 3600)
    emulator.setRole(ROOM, BOB.account_id, 'admin')
    expect(emulator.rooms.get(ROOM)?.members.get(BOB.account_id)).toBe('admin')
    emulator.removeMessage(ROOM, notice.message_id)
    expect(emulator.messages(ROOM)).toEqual([])
    expect(() => emulator.setTaskStatus(ROOM, 1n, 'done')).toThrow('no task 1')
    // What it hands out is read-only to the type checker (npm run lint fails if that is lost);
    // never called, so nothing changes here.
    const refused = () => {
      // @ts-expect-error read-only from outside: setTaskStatus() changes a task
      task.status = 'open'
      // @ts-expect-error read-only from outside: backdate() moves a message
      notice.send_time = 0
      // @ts-expect-error read-only from outside: setRole() changes a member
      emulator.rooms.get(ROOM)?.members.set(BOB.account_id, 'member')
      // @ts-expect-error read-only from outside: removeMessage() removes one
      emulator.messages(ROOM).splice(0, 1)
    }
    void refused
  })
})

describe('POST and PUT read the form body only (Chatwork since 2025-07-03)', () => {
  it('ignores query parameters and the ?method= override', async () => {
    const emulator = await start()
    const sent = await call(emulator, 'POST', `/rooms/${ROOM}/messages`, { query: { body: 'hi' } })
    expect(sent).toMatchObject({ status: 400, body: { errors: ["Parameter 'body' is required"] } })
    const { message_id: id } = (await post(emulator, 'kept')).body
    const edit = await call(emulator, 'PUT', `/rooms/${ROOM}/messages/${id}`, {
      query: { body: 'changed' }
    })
    expect(edit.status).toBe(400)
    const override = await call(emulator, 'POST', `/rooms/${ROOM}/messages/${id}`, {
      query: { method: 'PUT' },
      form: { body: 'changed' }
    })
    expect(override.status).toBe(404)
    expect(emulator.messages(ROOM).map(m => m.body)).toEqual(['kept'])
    const task = await call(emulator, 'POST', `/rooms/${ROOM}/tasks`, {
      query: { body: 'x', to_ids: '2002' }
    })
    expect(task.status).toBe(400)
    const [created] = emulator.addTask(ROOM, BOT, [ALICE.account_id], 'x')
    const status = await call(emulator, 'PUT', `/rooms/${ROOM}/tasks/${created?.task_id}/status`, {
      query: { body: 'done' }
    })
    expect(status.status).toBe(400)
    expect(emulator.tasks(ROOM)[0]?.status).toBe('open')
  })
})

describe('rooms, unread and mention counts', () => {
  it('lists the rooms the token is in, with counts, and one room with a description', async () => {
    const emulator = await start()
    emulator.post(ROOM, ALICE, 'hello')
    const rooms = await call(emulator, 'GET', '/rooms')
    expect(rooms.body.map((r: { room_id: number }) => r.room_id)).toEqual([
      ROOM,
      OPS_ROOM,
      READONLY_ROOM
    ])
    expect(rooms.body[0]).toMatchObject({
      name: 'Releases',
      type: 'group',
      role: 'admin',
      unread_num: 1,
      mention_num: 0,
      message_num: 1
    })
    const one = await call(emulator, 'GET', `/rooms/${ROOM}`)
    expect(one.body).toMatchObject({ room_id: ROOM, unread_num: 1, description: '' })
    expect((await call(emulator, 'GET', `/rooms/${FOREIGN_ROOM}`)).status).toBe(404)
  })

  it('counts [To:id], [rp aid=id] and [toall] after the last read, not escaped or quoted tags', async () => {
    const emulator = await start()
    const first = emulator.post(ROOM, ALICE, 'plain')
    emulator.mention(ROOM, ALICE, BOT, 'to the bot')
    emulator.reply(ROOM, BOB, first.message_id, 'a reply to Alice') // not to the bot
    emulator.post(ROOM, ALICE, `[rp aid=${BOT.account_id} to=${ROOM}-1]Deploy Bot\nyes`)
    emulator.post(ROOM, ALICE, '[toall] everyone')
    emulator.post(ROOM, ALICE, `[\u200BTo:${BOT.account_id}] escaped, [\u200Btoall] too`)
    emulator.quote(ROOM, ALICE, emulator.mention(ROOM, BOB, ALICE, 'x'), 'quoted')
    emulator.post(ROOM, BOT, `[To:${BOT.account_id}] the bot's own`)
    const counts = (await call(emulator, 'GET', `/rooms/${ROOM}`)).body
    expect(counts).toMatchObject({ unread_num: 8, mention_num: 3 })

    const read = await call(emulator, 'PUT', `/rooms/${ROOM}/messages/read`, {
      form: { message_id: first.message_id }
    })
    expect(read).toMatchObject({ status: 200, body: { unread_num: 7, mention_num: 3 } })
    const again = await call(emulator, 'PUT', `/rooms/${ROOM}/messages/read`, {
      form: { message_id: first.message_id }
    })
    expect(again.status).toBe(400)
    const all = await call(emulator, 'PUT', `/rooms/${ROOM}/messages/read`, { form: {} })
    expect(all.body).toEqual({ unread_num: 0, mention_num: 0 })
    // Alice's count is hers: Bob's reply to her and his To to her, and the bot's message.
    const alice = await call(emulator, 'GET', `/rooms/${ROOM}`, { token: OTHER_TOKEN })
    expect(alice.body).toMatchObject({ unread_num: 3, mention_num: 2 })
  })

  it('leaves a message unread for its author with self_unread=1', async () => {
    const emulator = await start()
    await call(emulator, 'POST', `/rooms/${ROOM}/messages`, { form: { body: 'read' } })
    await call(emulator, 'POST', `/rooms/${ROOM}/messages`, {
      form: { body: `[To:${BOT.account_id}] note to self`, self_unread: '1' }
    })
    const room = (await call(emulator, 'GET', `/rooms/${ROOM}`)).body
    expect(room).toMatchObject({ unread_num: 1, mention_num: 1 })
  })
})

describe('tasks', () => {
  it('marks a task done and open again with PUT …/status', async () => {
    const emulator = await start()
    const [task] = emulator.addTask(ROOM, BOT, [ALICE.account_id], 'x')
    const path = `/rooms/${ROOM}/tasks/${task?.task_id}/status`
    const done = await call(emulator, 'PUT', path, { form: { body: 'done' } })
    expect(done.status).toBe(200)
    expect(done.text).toBe(`{"task_id":${task?.task_id}}`)
    const listed = await call(emulator, 'GET', `/rooms/${ROOM}/tasks`, {
      query: { status: 'done' }
    })
    expect(listed.status).toBe(200)
    expect((await call(emulator, 'PUT', path, { form: { body: 'open' } })).status).toBe(200)
    expect(emulator.tasks(ROOM)[0]?.status).toBe('open')
    expect((await call(emulator, 'PUT', path, { form: { body: 'finished' } })).status).toBe(400)
    const missing = `/rooms/${ROOM}/tasks/12345/status`
    expect((await call(emulator, 'PUT', missing, { form: { body: 'done' } })).status).toBe(404)
  })

  it('lists at most 100 tasks, the latest', async () => {
    const emulator = await start()
    for (let i = 0; i < 101; i++) emulator.addTask(ROOM, BOT, [ALICE.account_id], `task ${i}`)
    const listed = await call(emulator, 'GET', `/rooms/${ROOM}/tasks`)
    expect(listed.body).toHaveLength(100)
    expect(listed.body[0].body).toBe('task 1')
  })
})

describe('the buttons write names as clients do', () => {
  it('Name, a leading space, or さん after reply and To tags', async () => {
    const emulator = await start()
    const asked = emulator.post(ROOM, BOT, 'Deploy?')
    const bodies = (['Name', ' Name', 'Nameさん'] as const).map(name => [
      emulator.reply(ROOM, ALICE, asked.message_id, 'ok', { name }).body,
      emulator.mention(ROOM, ALICE, BOB, 'hi', { name, newline: '\r\n' }).body
    ])
    const rp = `[rp aid=${BOT.account_id} to=${ROOM}-${asked.message_id}]`
    expect(bodies).toEqual([
      [`${rp}Deploy Bot\nok`, `[To:${BOB.account_id}]Bob Suzuki\r\nhi`],
      [`${rp} Deploy Bot\nok`, `[To:${BOB.account_id}] Bob Suzuki\r\nhi`],
      [`${rp}Deploy Botさん\nok`, `[To:${BOB.account_id}]Bob Suzukiさん\r\nhi`]
    ])
  })
})

describe('latency', () => {
  /** GET /me over one kept-alive socket, so that the second request reuses the connection. */
  function getMe(emulator: ChatworkEmulator, agent: http.Agent): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = http.get(
        `${emulator.url}/me`,
        { agent, headers: { 'x-chatworktoken': DEFAULT_TOKEN } },
        res => {
          res.resume()
          res.on('end', () => resolve(res.statusCode ?? 0))
        }
      )
      req.on('error', reject)
    })
  }

  it('delays each answer, a new connection twice, and logs start and end times', async () => {
    const latencyMs = 120
    const emulator = await start({ latencyMs })
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
    const started = performance.now()
    expect(await getMe(emulator, agent)).toBe(200)
    expect(performance.now() - started).toBeGreaterThanOrEqual(2 * latencyMs - 5)
    expect(await getMe(emulator, agent)).toBe(200)
    agent.destroy()
    const [first, second] = emulator.requests
    expect(first?.newConnection).toBe(true)
    expect(second?.newConnection).toBe(false)
    expect((first?.endMs ?? 0) - (first?.startMs ?? 0)).toBeGreaterThanOrEqual(2 * latencyMs - 5)
    expect((second?.endMs ?? 0) - (second?.startMs ?? 0)).toBeGreaterThanOrEqual(latencyMs - 5)
    expect(second?.startMs).toBeGreaterThanOrEqual(first?.endMs ?? Infinity)
  })

  it('logs start and end times without latency too', async () => {
    const emulator = await start()
    await call(emulator, 'GET', '/me')
    const [only] = emulator.requests
    expect(only?.endMs).toBeGreaterThanOrEqual(only?.startMs ?? Infinity)
  })
})

/**
 * For each factor: a scenario that runs the behaviour, and what each value must look like.
 * Typed by Factor, so a new factor without a scenario does not compile.
 */
const SCENARIOS: { [F in Factor]: Record<Profile[F], (e: ChatworkEmulator) => Promise<void>> } = {
  taskNotices: {
    'per-request': async e => {
      await addTasks(e, { to_ids: '2002,3003' })
      expect(e.messages(ROOM)).toHaveLength(1)
      expect(e.messages(ROOM)[0]?.body.match(/\[task /g)).toHaveLength(2)
      expect(new Set(e.tasks(ROOM).map(t => t.message_id)).size).toBe(1)
    },
    'per-assignee': async e => {
      await addTasks(e, { to_ids: '2002,3003' })
      expect(e.messages(ROOM).map(m => m.body.match(/\[task /g)?.length)).toEqual([1, 1])
      expect(e.tasks(ROOM).map(t => t.message_id)).toEqual(e.messages(ROOM).map(m => m.message_id))
    },
    unreadable: async e => {
      await addTasks(e, { to_ids: '2002,3003' })
      expect(e.messages(ROOM)).toHaveLength(1)
      expect(e.messages(ROOM)[0]?.body).not.toMatch(/\[task |dtext:task_added/)
      expect(e.tasks(ROOM)[1]?.message_id).toBe(e.messages(ROOM)[0]?.message_id)
    }
  },
  taskDate: {
    // 2013-12-02 09:00 in Tokyo; the RAML's example deadline is 23:59:59 of that day.
    'as-sent': async e => {
      await addTasks(e, { limit_type: 'date', limit: '1385942400' })
      expect(e.tasks(ROOM)[0]?.limit_time).toBe(1385942400)
    },
    'end-of-day': async e => {
      await addTasks(e, { limit_type: 'date', limit: '1385942400' })
      await addTasks(e, { limit_type: 'time', limit: '1385942400' })
      expect(e.tasks(ROOM).map(t => t.limit_time)).toEqual([1385996399, 1385942400])
    }
  },
  deleted: {
    '404': async e => {
      const { message_id: id } = (await post(e, 'bye')).body
      expect((await call(e, 'DELETE', `/rooms/${ROOM}/messages/${id}`)).status).toBe(200)
      expect((await call(e, 'GET', `/rooms/${ROOM}/messages/${id}`)).status).toBe(404)
      expect(
        (await call(e, 'GET', `/rooms/${ROOM}/messages`, { query: { force: '1' } })).status
      ).toBe(204)
    },
    marker: async e => {
      const { message_id: id } = (await post(e, 'bye')).body
      expect((await call(e, 'DELETE', `/rooms/${ROOM}/messages/${id}`)).status).toBe(200)
      const one = await call(e, 'GET', `/rooms/${ROOM}/messages/${id}`)
      expect(one).toMatchObject({ status: 200, body: { message_id: id, body: '[deleted]' } })
    }
  },
  localizedTags: {
    'as-typed': async e => {
      await post(e, '[返信 aid=2002 to=1-2]Alice\n[引用 aid=2002 time=5]hi[/引用]')
      expect(e.messages(ROOM)[0]?.body).toBe(
        '[返信 aid=2002 to=1-2]Alice\n[引用 aid=2002 time=5]hi[/引用]'
      )
    },
    canonical: async e => {
      await post(e, '[Reply aid=2002 to=1-2]Alice\n[引用 aid=2002 time=5]hi[/引用][Quote]x[/Quote]')
      expect(e.messages(ROOM)[0]?.body).toBe(
        '[rp aid=2002 to=1-2]Alice\n[qt][qtmeta aid=2002 time=5]hi[/qt][qt]x[/qt]'
      )
    }
  },
  force: {
    'moves-cursor': async e => {
      e.post(ROOM, ALICE, 'one')
      expect(
        (await call(e, 'GET', `/rooms/${ROOM}/messages`, { query: { force: '1' } })).status
      ).toBe(200)
      expect((await call(e, 'GET', `/rooms/${ROOM}/messages`)).status).toBe(204)
    },
    'keeps-cursor': async e => {
      e.post(ROOM, ALICE, 'one')
      expect(
        (await call(e, 'GET', `/rooms/${ROOM}/messages`, { query: { force: '1' } })).status
      ).toBe(200)
      const after = await call(e, 'GET', `/rooms/${ROOM}/messages`)
      expect(after.body.map((m: { body: string }) => m.body)).toEqual(['one'])
    }
  },
  bodyLimit: {
    // 40,000 characters, 120,000 bytes.
    characters: async e => {
      expect((await post(e, 'あ'.repeat(40_000))).status).toBe(200)
      expect((await post(e, 'あ'.repeat(65_536))).status).toBe(400)
    },
    bytes: async e => {
      const refused = await post(e, 'あ'.repeat(40_000))
      expect(refused.body).toEqual({ errors: ["Parameter 'body' must be at most 65535 bytes"] })
      expect((await post(e, 'a'.repeat(65_535))).status).toBe(200)
      expect((await post(e, 'a'.repeat(65_536))).status).toBe(400)
    }
  },
  freePlan: {
    off: async e => {
      const old = e.post(ROOM, ALICE, 'old', Math.floor(Date.now() / 1000) - 41 * 86_400)
      const one = await call(e, 'GET', `/rooms/${ROOM}/messages/${old.message_id}`)
      expect(one.status).toBe(200)
      expect(one.headers.get('chatwork-message-limitation')).toBeNull()
    },
    limited: async e => {
      const old = e.post(ROOM, ALICE, 'old', Math.floor(Date.now() / 1000) - 41 * 86_400)
      e.post(ROOM, ALICE, 'new')
      const list = await call(e, 'GET', `/rooms/${ROOM}/messages`, { query: { force: '1' } })
      expect(list.body.map((m: { body: string }) => m.body)).toEqual(['new'])
      expect(list.headers.get('chatwork-message-limitation')).toBe('true')
      expect(list.headers.get('chatwork-message-limitation-summary')).toMatch(/40 days/)
      const one = await call(e, 'GET', `/rooms/${ROOM}/messages/${old.message_id}`)
      expect(one.status).toBe(404)
      expect(one.headers.get('chatwork-message-limitation')).toBe('true')
    }
  },
  rateLimitHeaders: {
    'all-answers': async e => {
      const missing = await call(e, 'GET', `/rooms/${FOREIGN_ROOM}/messages`)
      expect(missing.headers.get('x-ratelimit-remaining')).toMatch(/^\d+$/)
    },
    'success-only': async e => {
      const missing = await call(e, 'GET', `/rooms/${FOREIGN_ROOM}/messages`)
      expect(missing.status).toBe(404)
      expect(missing.headers.get('x-ratelimit-remaining')).toBeNull()
      expect((await call(e, 'GET', '/me')).headers.get('x-ratelimit-remaining')).toMatch(/^\d+$/)
    }
  },
  messageIds: {
    ascending: async e => {
      const ids = [1, 2, 3, 4].map(i => BigInt(e.post(ROOM, ALICE, `m${i}`).message_id))
      expect([...ids].sort((a, b) => (a < b ? -1 : 1))).toEqual(ids)
    },
    unordered: async e => {
      const ids = [1, 2, 3, 4].map(i => e.post(ROOM, ALICE, `m${i}`).message_id)
      expect(BigInt(ids[1] ?? 0)).toBeLessThan(BigInt(ids[0] ?? 0))
      expect(ids.every(id => /^\d{19}$/.test(id))).toBe(true)
      // The force=0 cursor follows arrival, not ids: each message comes once.
      expect((await call(e, 'GET', `/rooms/${ROOM}/messages`)).body).toHaveLength(4)
      e.post(ROOM, ALICE, 'm5')
      const next = await call(e, 'GET', `/rooms/${ROOM}/messages`)
      expect(next.body.map((m: { body: string }) => m.body)).toEqual(['m5'])
    }
  },
  alreadyDone: {
    '200': async e => {
      const [task] = e.addTask(ROOM, BOT, [ALICE.account_id], 'x')
      const path = `/rooms/${ROOM}/tasks/${task?.task_id}/status`
      await call(e, 'PUT', path, { form: { body: 'done' } })
      expect((await call(e, 'PUT', path, { form: { body: 'done' } })).status).toBe(200)
    },
    '400': async e => {
      const [task] = e.addTask(ROOM, BOT, [ALICE.account_id], 'x')
      const path = `/rooms/${ROOM}/tasks/${task?.task_id}/status`
      expect((await call(e, 'PUT', path, { form: { body: 'done' } })).status).toBe(200)
      expect((await call(e, 'PUT', path, { form: { body: 'done' } })).status).toBe(400)
    }
  },
  timeWithoutLimit: {
    refused: async e => {
      expect((await addTasks(e, { limit_type: 'time' })).status).toBe(400)
    },
    accepted: async e => {
      expect((await addTasks(e, { limit_type: 'time' })).status).toBe(200)
      expect(e.tasks(ROOM)[0]).toMatchObject({ limit_type: 'none', limit_time: 0 })
    }
  }
}

describe('profiles', () => {
  it('defaults to the first value of each factor, today’s behaviour', () => {
    for (const factor of FACTORS) expect(DEFAULT_PROFILE[factor]).toBe(PROFILE_VALUES[factor][0])
    expect(new ChatworkEmulator().profile).toEqual(DEFAULT_PROFILE)
  })

  const cases = FACTORS.flatMap(factor =>
    PROFILE_VALUES[factor].map(value => [factor, value] as [Factor, string])
  )
  it.each(cases)('%s=%s behaves as described and is counted as served', async (factor, value) => {
    const emulator = await start({ profile: { [factor]: value } })
    const scenario = (SCENARIOS[factor] as Record<string, (e: ChatworkEmulator) => Promise<void>>)[
      value
    ]
    await scenario?.(emulator)
    expect(scenario).toBeDefined()
    expect(served(emulator, factor)).toBeGreaterThan(0)
    // Only the chosen value of this factor ran.
    const others = PROFILE_VALUES[factor].filter(v => v !== value)
    for (const other of others) expect(emulator.served.get(`${factor}=${other}`)).toBeUndefined()
  })

  it('does not count a factor where its values would not differ', async () => {
    const emulator = await start()
    await post(emulator, 'ascii only')
    expect(emulator.served.get('bodyLimit=characters')).toBeUndefined()
    expect(emulator.served.get('localizedTags=as-typed')).toBeUndefined()
  })

  it('reads factor=value pairs, and names what is wrong otherwise', () => {
    expect(parseProfile(' taskNotices=per-assignee, deleted=marker ,')).toEqual({
      taskNotices: 'per-assignee',
      deleted: 'marker'
    })
    expect(() => parseProfile('deletd=marker')).toThrow(
      /CHATWORK_EMULATOR_PROFILE names the factor "deletd"; expected one of taskNotices, /
    )
    expect(() => parseProfile('deleted=gone')).toThrow(
      'CHATWORK_EMULATOR_PROFILE gives deleted the value "gone"; expected one of 404, marker.'
    )
    expect(
      () => new ChatworkEmulator({ profile: { force: 'sideways' } as unknown as Partial<Profile> })
    ).toThrow(/The emulator profile gives force the value "sideways"/)
  })
})
