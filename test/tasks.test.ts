import { describe, expect, it } from 'vitest'
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
