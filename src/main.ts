/**
 * The action: read the inputs, talk to Chatwork, write the outputs and the job summary.
 * `runner.setFailed` is called here and nowhere else.
 */
import * as runner from './runner.js'
import { Context } from './runner.js'
import { ChatworkClient } from './chatwork/client.js'
import { realClock } from './clock.js'
import { Input, Output } from './constants.js'
import { DeliveryError, GateError, InputError, messageOf, type SummaryWriter } from './errors.js'
import { getSettings, type Settings } from './inputs/read.js'
import { remove, update } from './modes/edit.js'
import { fetchMessages } from './modes/fetch.js'
import { send } from './modes/send.js'
import { fitOutputs } from './modes/outputs.js'
import type { ModeResult, Outputs } from './modes/result.js'
import { summaryBudget, SummaryPage } from './summary/page.js'
import { buildTemplateContext, type TemplateContext } from './inputs/github-context.js'

export async function run(): Promise<void> {
  let settings: Settings | undefined
  try {
    settings = await getSettings()
    const client = createClient(settings)
    const result = await perform(settings, client)
    writeOutputs({ ...result.outputs, [Output.ok]: 'true' })
    await writeSummary(result.summarize)
  } catch (error) {
    report(error, settings)
    await writeSummary(failureSummary(error))
  }
}

function createClient(settings: Settings): ChatworkClient {
  return new ChatworkClient({
    baseUrl: settings.apiBaseUrl,
    token: settings.token,
    timeoutMs: settings.timeoutMs,
    proxy: settings.proxy,
    policy: { retries: settings.retries },
    log: message => runner.info(message),
    warn: message => runner.warning(message),
    debug: message => runner.debug(message)
  })
}

async function perform(settings: Settings, client: ChatworkClient): Promise<ModeResult> {
  const deps = { client, clock: realClock, log: runner }
  switch (settings.mode) {
    case 'send':
      return send(settings, deps, templateContext())
    case 'task': {
      // Loaded only for tasks: sends, fetches and edits do not parse it.
      const { task } = await import('./modes/task.js')
      return task(settings, deps, templateContext())
    }
    case 'task-done': {
      // Loaded only for this mode, like task.
      const { taskDone } = await import('./modes/task-done.js')
      return taskDone(settings, deps)
    }
    case 'update':
      return update(settings, deps, templateContext())
    case 'delete':
      return remove(settings, deps)
    case 'fetch':
      return fetchMessages(settings, deps)
    case 'api': {
      // Loaded only for api: the other modes do not need it.
      const { api } = await import('./modes/api.js')
      return api(settings, deps, templateContext())
    }
    case 'ask': {
      const { ask } = await import('./modes/ask/ask.js')
      return ask(settings, deps, templateContext())
    }
  }
}

/** The GitHub context, for modes that render a template (see runner.ts for where it comes from). */
function templateContext(): TemplateContext {
  return buildTemplateContext(new Context(), process.env)
}

/** Every output passes fitOutputs: within GitHub's limits, with a warning for each cut. */
function writeOutputs(outputs: Outputs): void {
  const { outputs: fitted, warnings } = fitOutputs(outputs)
  for (const warning of warnings) runner.warning(warning)
  for (const [name, value] of Object.entries(fitted)) runner.setOutput(name, value)
}

/**
 * The summary is a courtesy: without a summary file (a local run) or on a write error, skip. The
 * page is cut to what GitHub accepts (see summary/page.ts) before it is written.
 */
async function writeSummary(summarize: SummaryWriter): Promise<void> {
  const file = process.env.GITHUB_STEP_SUMMARY
  if (!file) return
  try {
    const page = new SummaryPage()
    summarize(page)
    await runner.summary.addRaw(page.render(await summaryBudget(file))).write()
  } catch (error) {
    runner.warning(`Could not write the job summary: ${messageOf(error)}`)
  }
}

/** What the summary says when the step fails: the mode's own account, or the error. */
function failureSummary(error: unknown): SummaryWriter {
  if ((error instanceof DeliveryError || error instanceof GateError) && error.summarize) {
    return error.summarize
  }
  const message = messageOf(error)
  // Input errors come before any request; most say so already, and it is said once.
  const sent = error instanceof InputError && !message.endsWith('Nothing was sent.')
  return page => {
    page.addHeading('Chatwork step failed')
    page.addParagraph(sent ? `${message} Nothing was sent.` : message)
  }
}

/** Fails the step, or only warns for a Chatwork failure when `fail-on-error` is false. */
function report(error: unknown, settings: Settings | undefined): void {
  const expected =
    error instanceof InputError || error instanceof DeliveryError || error instanceof GateError
  // A stack trace helps only with a bug; a user's mistake or Chatwork's answer gets advice.
  if (!expected && error instanceof Error && error.stack) runner.debug(error.stack)
  const known = error instanceof DeliveryError || error instanceof GateError ? error.outputs : {}
  writeOutputs({ ...known, [Output.ok]: 'false', [Output.error]: messageOf(error) })
  if (error instanceof DeliveryError && settings && !settings.failOnError) {
    runner.warning(`${error.message} (The step succeeds because '${Input.failOnError}' is false.)`)
    return
  }
  runner.setFailed(messageOf(error))
}
