import { describe, expect, it } from 'vitest'
import { parseAccountMap } from '../src/inputs/account-map.js'
import { mentionsFor, resolveRecipients } from '../src/inputs/recipients.js'
import { taskReaders } from '../src/chatwork/tasks.js'
import { InvalidResponseError } from '../src/errors.js'

describe('task answers', () => {
  it('keeps every digit of ids past 2^53', async () => {
    const { readTaskIds, readTasks } = await taskReaders()
    expect(readTaskIds('{"task_ids":[9007199254740993, 18446744073709551615]}', 'x')).toEqual([
      '9007199254740993',
      '18446744073709551615'
    ])
    const [task] = readTasks(
      '[{"task_id":9007199254740995,"account":{"account_id":2002},"assigned_by_account":{"account_id":1001},"message_id":"1928374655918273645","body":"b","limit_time":1800000000,"status":"open","limit_type":"time"}]',
      'x'
    )
    expect(task).toEqual({
      task_id: '9007199254740995',
      account_id: '2002',
      assigned_by_account_id: '1001',
      message_id: '1928374655918273645',
      body: 'b',
      limit_time: 1800000000,
      limit_type: 'time'
    })
  })

  it.each([
    '{"task_ids":[]}',
    '{"task_ids":[1.5]}',
    '{"task_ids":[-3]}',
    '{"task_ids":[1e400]}',
    '{"task_ids":["12a"]}',
    '{"task_ids":[123456789012345678901]}',
    '{"task_id":1}',
    'not json'
  ])('refuses %s', async text => {
    const { readTaskIds } = await taskReaders()
    expect(() => readTaskIds(text, 'POST /rooms/1/tasks')).toThrow(InvalidResponseError)
  })

  it('refuses a list with an item that is not a task', async () => {
    const { readTasks } = await taskReaders()
    expect(() => readTasks('[{"task_id":1}]', 'x')).toThrow('is not a list of tasks')
    expect(() => readTasks('{}', 'x')).toThrow('is not a list of tasks')
  })
})

describe('account map', () => {
  it('maps logins without case; numeric logins and quoted ids are fine', async () => {
    const map = await parseAccountMap('OctoCat: 2002\n"1234": \'3003\'\n# a comment\nhubot: 4004\n')
    expect(map && Object.fromEntries(map)).toEqual({
      octocat: '2002',
      '1234': '3003',
      hubot: '4004'
    })
    expect(await parseAccountMap('  ')).toBeUndefined()
    expect(await parseAccountMap('{octocat: 1, mona: 2}')).toEqual(
      new Map([
        ['octocat', '1'],
        ['mona', '2']
      ])
    )
  })

  it('names the wrong line', async () => {
    await expect(parseAccountMap('a: 1\nb: 2\nc: 0x10\n')).rejects.toThrow(
      "Input 'account-map', line 3: the account id of 'c' is '\"0x10\"'"
    )
    await expect(parseAccountMap('a: 1\n-bad-: 2\n')).rejects.toThrow(
      "Input 'account-map', line 2: '-bad-' is not a GitHub login"
    )
  })

  it('refuses YAML anchors and aliases, naming the line, and nesting past a flat mapping', async () => {
    await expect(parseAccountMap('octocat: 1\nmona: &id 2\nhubot: *id\n')).rejects.toThrow(
      "Input 'account-map', line 2: an anchor ('&id') is not accepted"
    )
    await expect(parseAccountMap('octocat: 1\nhubot: *id\n')).rejects.toThrow(
      "Input 'account-map', line 2: an alias ('*id') is not accepted"
    )
    await expect(parseAccountMap('a: [[[[[1]]]]]\n')).rejects.toThrow(
      "Input 'account-map' is not valid YAML (line 1): nesting exceeded maxDepth"
    )
  })

  it('resolves to: ids stay, logins map, unknown logins are left out with a warning', () => {
    const warnings: string[] = []
    const map = new Map([['octocat', '2002']])
    expect(
      resolveRecipients(['7', '@octocat', 'ghost', '2002'], map, w => warnings.push(w))
    ).toEqual(['7', '2002'])
    expect(warnings).toEqual(["Input 'to': 'ghost' is not in 'account-map'; left out."])
  })

  it('chatwork_to takes a login, a list, or users; nothing for empty values', () => {
    const map = new Map([
      ['octocat', '2002'],
      ['mona', '4004']
    ])
    const warnings: string[] = []
    const warn = (w: string) => warnings.push(w)
    expect(mentionsFor('@OctoCat', map, warn)).toBe('[To:2002]')
    expect(mentionsFor(['mona', 'octocat', 'mona'], map, warn)).toBe('[To:4004][To:2002]')
    expect(mentionsFor([{ login: 'mona' }, { name: 'x' }, null], map, warn)).toBe('[To:4004]')
    expect(mentionsFor(undefined, map, warn)).toBe('')
    expect(mentionsFor('[toall]', map, warn)).toBe('')
    expect(warnings).toEqual(["chatwork_to: '[toall]' is not in 'account-map'; no mention for it."])
  })
})
