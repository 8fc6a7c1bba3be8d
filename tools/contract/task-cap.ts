/**
 * The task list's cap: `GET …/tasks` returns at most 100 tasks. Telling needs more than 100
 * tasks of one kind, so the probe counts the done tasks this account assigned (every run leaves
 * its tasks done), adds tasks for every member until there are more than 100, marks them done,
 * and counts again. It spends at most POST_BUDGET posts a run; a room with one member may need
 * a second run.
 */
import { FIXED, unmatched, type Probe } from './probe.js'

const LIST_CAP = 100
/** With the other probes, well under Chatwork's 300 requests per 5 minutes. */
const POST_BUDGET = 51

export const taskListCap: Probe = {
  id: 'task-list-cap',
  assumption: 'A task list holds at most 100 tasks.',
  async run(ctx) {
    const before = (await ctx.client.tasks(ctx.me, 'done')).length
    if (before > LIST_CAP) return unmatched(`${before} done tasks listed at once`)
    const perPost = ctx.members.length
    const posts = Math.min(POST_BUDGET, Math.max(1, Math.ceil((LIST_CAP + 1 - before) / perPost)))
    // Posts in rounds of at most 100 tasks, each round marked done (and its notices recorded
    // for cleanup) before the next.
    const perRound = Math.max(1, Math.floor(LIST_CAP / perPost))
    let created = 0
    for (let i = 0; i < posts; i++) {
      const added = await ctx.client.addTask({
        body: `${ctx.marker} cap ${i + 1}`,
        to_ids: ctx.members.join(',')
      })
      if (added.status !== 200) return unmatched(`adding tasks answered ${added.status}`)
      if ((i + 1) % perRound !== 0 && i + 1 < posts) continue
      for (const task of await ctx.client.openTasks(ctx.me)) {
        const done = await ctx.client.setTaskStatus(String(task.task_id), 'done')
        if (done.status !== 200) return unmatched(`marking a task done answered ${done.status}`)
        created += 1
      }
    }
    const after = (await ctx.client.tasks(ctx.me, 'done')).length
    const observed = `${before} done tasks listed, ${created} added and done, then ${after} listed`
    if (after > LIST_CAP) return unmatched(observed)
    if (before + created <= LIST_CAP) {
      return unmatched(`not determined yet: ${observed}; run the suite again`)
    }
    return after === LIST_CAP ? { observed, profile: FIXED } : unmatched(observed)
  }
}
