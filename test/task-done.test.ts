/**
 * `task-ids` as `mode: task-done` reads it: every digit kept, rooms checked, bad values named
 * with the input; and the runner's notice, which says that nothing matched.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { InputError } from '../src/errors.js'
import { parseTaskIds } from '../src/inputs/task-done.js'
import * as runner from '../src/runner.js'
import { readRunnerLog } from './support/runner-log.js'

const ROOM = '335028121'
const OTHER = '335028200'
const BIG = '9007199254740993'

afterEach(() => vi.restoreAllMocks())

describe('task-ids', () => {
  it.each([
    ['', []],
    [`["${BIG}"]`, [BIG]],
    // A bare integer past 2^53 keeps its digits (JSON.parse would make it ...992).
    [`[${BIG}, 12]`, [BIG, '12']],
    [`${BIG}, 12\n12`, [BIG, '12']],
    [`{"${ROOM}": ["1", 2]}`, ['1', '2']]
  ])('%s in one room', async (value, ids) => {
    const parsed = await parseTaskIds(value, [ROOM])
    expect(parsed.get(ROOM) ?? []).toEqual(ids)
    expect(parsed.size).toBe(ids.length > 0 ? 1 : 0)
  })

  it("the 'task' step's object for several rooms", async () => {
    const parsed = await parseTaskIds(`{"${ROOM}": ["1"], "${OTHER}": ["2", "3"]}`, [ROOM, OTHER])
    expect([...parsed]).toEqual([
      [ROOM, ['1']],
      [OTHER, ['2', '3']]
    ])
  })

  it.each([
    [`{"${OTHER}": ["1"]}`, [ROOM], `names room '${OTHER}', which is not in 'room-id'`],
    ['1,2', [ROOM, OTHER], 'a task id belongs to one room'],
    ['[-1]', [ROOM], "'-1' is not one"],
    ['["1e3"]', [ROOM], "'1e3' is not one"],
    ['[[1]]', [ROOM], '\'["1"]\' is not one'],
    [`{"${ROOM}": 1}`, [ROOM], `room ${ROOM} has no array of ids`],
    ['"1"', [ROOM], `'"1"' is not one`],
    ['[1', [ROOM], 'not valid JSON'],
    ['123456789012345678901', [ROOM], "'123456789012345678901' is not one"]
  ])('%s is refused', async (value, rooms, expected) => {
    const error = await parseTaskIds(value, rooms).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InputError)
    expect((error as Error).message).toContain(expected)
    expect((error as Error).message).toContain("Input 'task-ids'")
  })
})

describe('runner.notice', () => {
  it('one notice command; a line of the text commands nothing', () => {
    let stdout = ''
    vi.spyOn(process.stdout, 'write').mockImplementation(chunk => {
      stdout += String(chunk)
      return true
    })
    runner.notice('No open task matches\n::error::pwned')
    const { commands } = readRunnerLog(stdout)
    expect(commands.map(c => c.name)).toEqual(['notice'])
  })
})
