/**
 * mode: api — one request to any endpoint below `api-base-url`, with the action's safety: the
 * path was checked when the inputs were read (inputs/api-path.ts) and the transport checks the
 * final URL; parameter values are templates, escaped and refused when pasted from the event, as
 * `message` is; a request that changes something is never sent twice (chatwork/retry.ts).
 */
import type { ApiRequest, ApiResponse } from '../chatwork/http.js'
import { Input, Output } from '../constants.js'
import {
  ChatworkHttpError,
  DeliveryError,
  InvalidResponseError,
  NetworkError,
  adviceFor,
  isChatworkFailure,
  messageOf,
  type ChatworkFailure
} from '../errors.js'
import type { ApiSettings } from '../inputs/settings.js'
import type { TemplateContext } from '../inputs/github-context.js'
import { refusePastedPayload } from '../message/injection.js'
import { renderTemplate } from '../message/template.js'
import { htmlBlock } from '../summary/html.js'
import { dryRun, type ModeDeps, type ModeResult, type Outputs } from './result.js'

export async function api(
  settings: ApiSettings,
  deps: ModeDeps,
  context: TemplateContext
): Promise<ModeResult> {
  const request = await buildRequest(settings, context, message => deps.log.warning(message))
  if (settings.dryRun) return dryRun(deps, [request])
  const what = `${request.method} ${request.path}`
  let response: ApiResponse
  try {
    response = await deps.client.call(request)
  } catch (error) {
    throw failure(error, request)
  }
  deps.log.info(`${what}: Chatwork answered ${response.status}.`)
  const outputs = answerOutputs(response.status, response.text)
  return { outputs, summarize: page => summarize(page, what, response.status, response.text) }
}

/** The parameters rendered (refused first when event text was pasted into them), in place. */
async function buildRequest(
  { method, path, params }: ApiSettings,
  context: TemplateContext,
  warn: (message: string) => void
): Promise<ApiRequest> {
  refusePastedPayload(
    params.map(([, text]) => ({ text, input: Input.apiParams })),
    context.github
  )
  const rendered: Record<string, string> = {}
  for (const [name, text] of params) {
    rendered[name] = await renderTemplate(text, context, Input.apiParams, warn)
  }
  // Chatwork reads POST and PUT parameters only from a form body (docs/chatwork-api.md).
  const inBody = method === 'POST' || method === 'PUT'
  if (params.length === 0) return { method, path }
  return inBody ? { method, path, form: rendered } : { method, path, query: rendered }
}

function answerOutputs(status: number, body: string): Outputs {
  return { [Output.response]: body, [Output.httpStatus]: String(status) }
}

/** A Chatwork or network failure as a DeliveryError with advice; a non-2xx keeps its answer. */
function failure(error: unknown, request: ApiRequest): unknown {
  if (!isChatworkFailure(error)) return error
  const what = `${request.method} ${request.path}`
  const outputs = error instanceof ChatworkHttpError ? answerOutputs(error.status, error.body) : {}
  const advice = adviceForApi(error, request) ?? adviceFor(error)
  const result = new DeliveryError(`Could not send ${what}. ${messageOf(error)} ${advice}`, {
    cause: error,
    outputs
  })
  result.summarize = page => {
    page.addHeading('Chatwork API call failed').addParagraph(`${what}: ${messageOf(error)}`)
    if (error instanceof ChatworkHttpError) {
      page.addOptional('The response', htmlBlock(error.body))
    }
  }
  return result
}

/** What only this mode can say: about the path, and about a change that may have happened. */
function adviceForApi(error: ChatworkFailure, request: ApiRequest): string | undefined {
  if (request.method !== 'GET' && mayHaveArrived(error)) {
    return `Chatwork may have processed it: the action did not send it again, so that it is not done twice. Check whether it took effect (a GET of the same resource, e.g. GET /rooms/{room_id}/messages after a POST of a message) before running the step again.`
  }
  if (error instanceof ChatworkHttpError && error.status === 400 && timeWithoutLimit(request)) {
    return "The request adds a task with limit_type 'time' but no 'limit', which Chatwork may refuse (Chatwork's MCP server sends limit_type 'time' by default): give 'limit' (Unix seconds), or limit_type 'none' for a task without deadline."
  }
  if (error instanceof ChatworkHttpError && error.status === 404) {
    return `Check '${Input.apiPath}' (${request.path}): the endpoint or the thing it names (a room, a message, a task) does not exist, or the token's user cannot see it.`
  }
  return undefined
}

/** A task added with `limit_type=time` and no `limit`. */
function timeWithoutLimit({ method, path, form }: ApiRequest): boolean {
  return (
    method === 'POST' &&
    /^\/rooms\/\d+\/tasks$/.test(path) &&
    form?.limit_type === 'time' &&
    (form.limit ?? '') === ''
  )
}

/** Anything but an answer that refused the request, or a connection that never opened. */
function mayHaveArrived(error: ChatworkFailure): boolean {
  if (error instanceof NetworkError) return !error.notSent
  if (error instanceof ChatworkHttpError) return error.status >= 500
  return error instanceof InvalidResponseError
}

function summarize(
  page: Parameters<ModeResult['summarize']>[0],
  what: string,
  status: number,
  body: string
): void {
  page
    .addHeading('Chatwork API call')
    .addParagraph(`${what}: ${status}`)
    .addOptional('The response', htmlBlock(body))
}
