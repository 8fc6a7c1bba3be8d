/**
 * What a mode produces: its outputs and what it adds to the job summary.
 * The outputs are written in one place (main.ts), also when the mode fails part way.
 */
import type { ChatworkClient } from '../chatwork/client.js'
import type { Clock } from '../clock.js'
import type { ApiRequest } from '../chatwork/http.js'
import { WEB_URL, type OutputName } from '../constants.js'
import {
  DeliveryError,
  adviceFor,
  isChatworkFailure,
  ownAdvice,
  messageOf,
  type ChatworkFailure,
  type SummaryWriter
} from '../errors.js'
import { markup, htmlBlock } from '../summary/html.js'
import { previewWithSource } from '../summary/preview.js'
import { plural } from '../format.js'

export type Outputs = Partial<Record<OutputName, string>>

/** What a mode says in the log; the runner's functions in the action. */
export interface Log {
  info(message: string): void
  warning(message: string): void
  /** An annotation that is not a problem; info where there is none. */
  notice?(message: string): void
  debug(message: string): void
  /** Text someone else wrote, printed so that no line of it is a runner command. */
  infoUntrusted(text: string): void
}

/** What every mode is given: the client, the time, and where to log. */
export interface ModeDeps {
  client: ChatworkClient
  clock: Clock
  log: Log
}

export interface ModeResult {
  outputs: Outputs
  /** Adds this mode's part of the job summary. */
  summarize: SummaryWriter
}

/**
 * Runs one Chatwork operation; a Chatwork or network failure becomes a DeliveryError that says
 * what was attempted, what Chatwork said and what to do about it.
 */
export async function attempt<T>(
  what: string,
  operation: () => Promise<T>,
  advise: (error: ChatworkFailure) => string | undefined = () => undefined
): Promise<T> {
  try {
    return await operation()
  } catch (error) {
    if (!isChatworkFailure(error)) throw error
    const advice = ownAdvice(error) ?? advise(error) ?? adviceFor(error)
    throw new DeliveryError(`Could not ${what}. ${messageOf(error)} ${advice}`, { cause: error })
  }
}

/** `dry-run`: show the final message and the requests, send nothing. */
export function dryRun(
  { client, log }: ModeDeps,
  planned: ApiRequest[],
  body?: string
): ModeResult {
  const shown = planned.map(request => client.format(request))
  log.info('Dry run: nothing is sent.')
  if (body !== undefined) {
    log.info('The message:')
    log.infoUntrusted(body)
  }
  log.info(`The ${plural(shown.length, 'request')} it would send:`)
  log.infoUntrusted(shown.join('\n\n'))
  return {
    outputs: {},
    summarize: page => {
      page.addHeading('Chatwork dry run: not sent')
      if (body !== undefined) {
        page.addOptional(
          'The preview',
          markup`The message, as Chatwork would show it:${previewWithSource(body)}`
        )
      }
      page
        .addParagraph('The requests it would send:')
        .addOptional('The list of requests', htmlBlock(shown.join('\n\n')))
    }
  }
}

export function messageLink(roomId: string, messageId: string): string {
  return `${WEB_URL}/#!rid${roomId}-${messageId}`
}
