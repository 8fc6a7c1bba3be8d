/**
 * The exactly-once look-ups for messages, files and deletes (src/chatwork/reconcile.ts), asked
 * through the real client over HTTP of the emulator: after an answer was lost, did the request
 * take effect? Found: its id; absent: undefined, so the engine sends again; cannot tell: an
 * UndecidedError, so the step fails instead of posting twice.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ChatworkClient } from '../src/chatwork/client.js'
import { findOwnPost, findOwnUpload, isGone } from '../src/chatwork/reconcile.js'
import { ChatworkHttpError, UndecidedError } from '../src/errors.js'
import {
  ALICE,
  BOT,
  ChatworkEmulator,
  DEFAULT_TOKEN,
  OTHER_TOKEN,
  ROOM,
  type Profile
} from '../tools/emulator/index.js'

const room = String(ROOM)
let emulator: ChatworkEmulator

beforeAll(async () => {
  emulator = await new ChatworkEmulator().start()
})
afterAll(() => emulator.stop())
beforeEach(() => emulator.reset())

/** The client the action builds, on `server`, without retries: a look-up asks once. */
function client(server = emulator, token = DEFAULT_TOKEN): ChatworkClient {
  return new ChatworkClient({
    baseUrl: server.url,
    token,
    timeoutMs: 2_000,
    log: () => {},
    policy: { retries: 0 }
  })
}

/** An emulator playing `profile`, stopped when the test ends. */
async function playing(
  profile: Partial<Profile>,
  onTestFinished: (fn: () => Promise<void>) => void
): Promise<ChatworkEmulator> {
  const server = await new ChatworkEmulator({ profile }).start()
  onTestFinished(() => server.stop())
  return server
}

/** Seconds since the epoch, `ms` milliseconds from now. */
const secondsFromNow = (ms: number) => Math.floor((Date.now() + ms) / 1000)

const REPLY = `[返信 aid=${ALICE.account_id} to=${room}-1928374655918273645]Alice Tanakaさん\nDone.`

describe('findOwnPost: is the message there?', () => {
  it("finds the token's own message with exactly this body, posted since the step began", async () => {
    const since = Date.now()
    emulator.post(ROOM, ALICE, 'Deployed v1.2.3')
    const mine = emulator.post(ROOM, BOT, 'Deployed v1.2.3')
    emulator.post(ROOM, BOT, 'Something else')
    expect(await findOwnPost(client(), room, 'Deployed v1.2.3', since)).toBe(mine.message_id)
  })

  it('finds the latest of several identical own messages', async () => {
    const since = Date.now()
    emulator.post(ROOM, BOT, 'ping')
    const latest = emulator.post(ROOM, BOT, 'ping')
    expect(await findOwnPost(client(), room, 'ping', since)).toBe(latest.message_id)
  })

  it('absent when nothing came, or when only someone else wrote the same', async () => {
    const since = Date.now()
    expect(await findOwnPost(client(), room, 'Deployed', since)).toBeUndefined()
    emulator.post(ROOM, ALICE, 'Deployed')
    expect(await findOwnPost(client(), room, 'Deployed', since)).toBeUndefined()
  })

  it('an identical own message from before the step is not this one (a second of slack)', async () => {
    const since = Date.now()
    const step = Math.floor(since / 1000)
    emulator.post(ROOM, BOT, 'nightly report', step - 3600)
    emulator.post(ROOM, BOT, 'nightly report', step - 2)
    expect(await findOwnPost(client(), room, 'nightly report', since)).toBeUndefined()
    const withinSlack = emulator.post(ROOM, BOT, 'nightly report', step - 1)
    expect(await findOwnPost(client(), room, 'nightly report', since)).toBe(withinSlack.message_id)
  })

  it('asks for the latest messages with force=1, so another read does not hide them', async () => {
    const since = Date.now()
    const c = client()
    const posted = emulator.post(ROOM, BOT, 'seen once')
    await c.listMessages(room, { force: false })
    expect(await findOwnPost(c, room, 'seen once', since)).toBe(posted.message_id)
    expect(emulator.requestsTo('GET', `/rooms/${room}/messages`).at(-1)?.query.get('force')).toBe(
      '1'
    )
  })

  it('other own messages are not this one when the body has no localized tag', async () => {
    const since = Date.now()
    emulator.post(ROOM, BOT, 'Deployed v1.2.2')
    emulator.post(ROOM, BOT, '[To:2002]Alice Tanaka\nDeployed v1.2.4')
    expect(await findOwnPost(client(), room, 'Deployed v1.2.3', since)).toBeUndefined()
  })

  it('cannot tell when the body has a localized tag and new own messages differ', async () => {
    const since = Date.now()
    emulator.post(ROOM, BOT, `[rp aid=${ALICE.account_id} to=${room}-1928374655918273645]\nDone.`)
    emulator.post(ROOM, BOT, 'unrelated')
    const error = await findOwnPost(client(), room, REPLY, since).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UndecidedError)
    expect(error).toMatchObject({
      message: `Room ${room} has 2 new messages from the token's account, none with exactly this body; Chatwork may store the [返信]/[Reply]/[引用]/[Quote] tags rewritten, so one of them may be this message.`,
      advice: `Look in room ${room} whether the message arrived before running the step again.`
    })
  })

  it.each([
    '[Reply aid=2002 to=1-2]',
    '[引用 aid=2002 time=1700000000]x[/引用]',
    '[Quote]x[/Quote]'
  ])('cannot tell for %j either, and counts one message as one', async body => {
    const since = Date.now()
    emulator.post(ROOM, BOT, 'another body')
    await expect(findOwnPost(client(), room, body, since)).rejects.toThrow(
      `Room ${room} has 1 new message from the token's account, none with exactly this body;`
    )
  })

  it('a localized tag is no doubt when no own message is new, or one is identical', async () => {
    const since = Date.now()
    emulator.post(ROOM, BOT, 'an old one', secondsFromNow(-3_600_000))
    emulator.post(ROOM, ALICE, 'from someone else')
    expect(await findOwnPost(client(), room, REPLY, since)).toBeUndefined()
    const same = emulator.post(ROOM, BOT, REPLY)
    emulator.post(ROOM, BOT, 'and another')
    expect(await findOwnPost(client(), room, REPLY, since)).toBe(same.message_id)
  })

  it('cannot tell when Chatwork stored the typed [返信] tag rewritten', async ({
    onTestFinished
  }) => {
    const server = await playing({ localizedTags: 'canonical' }, onTestFinished)
    const since = Date.now()
    const c = client(server)
    const id = await c.postMessage(room, REPLY, { selfUnread: false, since })
    expect(server.messages(ROOM).find(m => m.message_id === id)?.body).not.toBe(REPLY)
    await expect(findOwnPost(c, room, REPLY, since)).rejects.toBeInstanceOf(UndecidedError)
  })
})

describe('findOwnUpload: is the file there?', () => {
  const file = { name: 'report.txt', content: Buffer.from('all green\n') }

  it('finds a file of this name and size that the token uploaded since the step began', async () => {
    const since = Date.now()
    const c = client()
    const id = await c.uploadFile(room, file, 'the report', since)
    expect(await findOwnUpload(c, room, file, since)).toBe(id)
    expect(emulator.requestsTo('GET', `/rooms/${room}/files`).at(-1)?.query.get('account_id')).toBe(
      String(BOT.account_id)
    )
  })

  it('absent when the name or the size differs, or nothing was uploaded', async () => {
    const since = Date.now()
    const c = client()
    expect(await findOwnUpload(c, room, file, since)).toBeUndefined()
    await c.uploadFile(room, { name: 'report.txt', content: Buffer.from('all red\n') }, '', since)
    await c.uploadFile(room, { name: 'report.log', content: file.content }, '', since)
    expect(await findOwnUpload(c, room, file, since)).toBeUndefined()
  })

  it("absent when someone else uploaded it, or the token's upload is older than the step", async () => {
    const since = Date.now()
    await client(emulator, OTHER_TOKEN).uploadFile(room, file, '', since)
    expect(await findOwnUpload(client(), room, file, since)).toBeUndefined()
    await client().uploadFile(room, file, '', since)
    expect(await findOwnUpload(client(), room, file, Date.now() + 5_000)).toBeUndefined()
  })
})

describe('isGone: did the delete go through?', () => {
  it('yes when Chatwork answers 404 for the message', async () => {
    const c = client()
    const { message_id } = emulator.post(ROOM, BOT, 'to delete')
    await c.deleteMessage(room, message_id)
    expect(await isGone(c, room, message_id)).toBe(message_id)
    expect(await isGone(c, room, '1928374655918273999')).toBe('1928374655918273999')
  })

  it('no while the message is still there', async () => {
    const { message_id } = emulator.post(ROOM, BOT, 'still here')
    expect(await isGone(client(), room, message_id)).toBeUndefined()
  })

  it('yes when Chatwork keeps it as [deleted]', async ({ onTestFinished }) => {
    const server = await playing({ deleted: 'marker' }, onTestFinished)
    const c = client(server)
    const { message_id } = server.post(ROOM, BOT, 'to delete')
    await c.deleteMessage(room, message_id)
    expect(server.messages(ROOM).find(m => m.message_id === message_id)?.body).toBe('[deleted]')
    expect(await isGone(c, room, message_id)).toBe(message_id)
  })

  it('cannot tell from a 404 where Chatwork hides older messages (the Free plan)', async ({
    onTestFinished
  }) => {
    const server = await playing({ freePlan: 'limited' }, onTestFinished)
    const c = client(server)
    const old = server.post(ROOM, BOT, 'from last quarter', secondsFromNow(-90 * 86_400_000))
    const error = await isGone(c, room, old.message_id).catch((e: unknown) => e)
    expect(c.messagesLimited).toBe(true)
    expect(error).toBeInstanceOf(UndecidedError)
    expect(error).toMatchObject({
      message: `Chatwork answers 404 for message ${old.message_id} in room ${room}, but it also hides messages older than 40 days there (chatwork-message-limitation, the Free plan), so the 404 does not prove the delete went through.`,
      advice: `Look in room ${room} whether message ${old.message_id} is still there before running the step again.`
    })
  })

  it('an answer other than 404 is no answer: it is thrown', async () => {
    const { message_id } = emulator.post(ROOM, BOT, 'still here')
    emulator.inject({
      fault: { kind: 'status', status: 403, body: '{"errors":["You don\'t have permission"]}' },
      times: 1,
      method: 'GET',
      pathPrefix: `/rooms/${room}/messages/`
    })
    const error = await isGone(client(), room, message_id).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ChatworkHttpError)
    expect(error).toMatchObject({ status: 403 })
  })
})
