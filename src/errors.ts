/**
 * The action's error types. A user mistake (InputError) always fails the step; a failure of
 * Chatwork or the network (DeliveryError) fails it unless `fail-on-error` is false.
 */
import type { SummaryPage } from './summary/page.js'
import {
  BAD_REQUEST_ADVICE,
  FORBIDDEN_ADVICE,
  INVALID_RESPONSE_ADVICE,
  MESSAGE_NOT_FOUND_ADVICE,
  NETWORK_ADVICE,
  NOT_AUTHOR_ADVICE,
  NOT_FOUND_ADVICE,
  OTHER_STATUS_ADVICE,
  PROXY_AUTH_ADVICE,
  RATE_LIMIT_ADVICE,
  SERVER_ERROR_ADVICE,
  UNAUTHORIZED_ADVICE,
  unconfirmedPost
} from './texts.js'

/** An input is wrong. Raised before any request is sent. */
export class InputError extends Error {
  override name = 'InputError'
}

/** Chatwork answered with an error status. */
export class ChatworkHttpError extends Error {
  override name = 'ChatworkHttpError'
  constructor(
    readonly status: number,
    /** Chatwork's own `errors` texts, when the body had them. */
    readonly errors: string[],
    message: string,
    /** The answer's body as Chatwork sent it (`mode: api` outputs it). */
    readonly body = ''
  ) {
    super(message)
  }
}

/** The request did not get an answer: refused, reset, timed out. */
export class NetworkError extends Error {
  override name = 'NetworkError'
  constructor(
    message: string,
    {
      notSent,
      proxyAuth = false,
      ...options
    }: ErrorOptions & { notSent: boolean; proxyAuth?: boolean }
  ) {
    super(message, options)
    this.notSent = notSent
    this.proxyAuth = proxyAuth
  }
  /** true when the request certainly did not reach Chatwork (connection refused, DNS). */
  readonly notSent: boolean
  /** The proxy refused the tunnel with 407: it wants credentials. */
  readonly proxyAuth: boolean
}

/** Chatwork answered, but not with what Chatwork sends (non-JSON 200, wrong shape). */
export class InvalidResponseError extends Error {
  override name = 'InvalidResponseError'
}

/**
 * A request that may have taken effect failed, and checking whether it did failed too: the
 * action cannot say whether the message was posted.
 */
export class UnconfirmedError extends Error {
  override name = 'UnconfirmedError'
  constructor(
    readonly failure: ChatworkHttpError | NetworkError,
    checkError: unknown
  ) {
    super(
      checkError instanceof UndecidedError
        ? `${failure.message} ${checkError.message}`
        : unconfirmedPost(failure.message, messageOf(checkError)),
      { cause: checkError }
    )
  }
}

/**
 * An exactly-once look-up read the room but cannot tell whether the request took effect (the
 * evidence fits both): the step fails with `advice` (naming the room and what to check) rather
 * than sending again or claiming success.
 */
export class UndecidedError extends Error {
  override name = 'UndecidedError'
  constructor(
    message: string,
    readonly advice: string
  ) {
    super(message)
  }
}

/**
 * Chatwork refused a body (400) that is within 65,535 characters but over 65,535 UTF-8 bytes:
 * Chatwork may count bytes. Recognised by the status and the body's size, not by its words.
 */
export class BodyBytesError extends ChatworkHttpError {
  override name = 'BodyBytesError'
  constructor(
    failure: ChatworkHttpError,
    readonly advice: string
  ) {
    super(failure.status, failure.errors, failure.message)
  }
}

/** The advice a failure carries itself, which a mode's advice must not replace. */
export function ownAdvice(error: ChatworkFailure): string | undefined {
  if (error instanceof BodyBytesError) return error.advice
  if (error instanceof UnconfirmedError && error.cause instanceof UndecidedError) {
    return error.cause.advice
  }
  return undefined
}

/** fetch: the gate rejected, or decided nothing with `fail-on-no-match`. Not a Chatwork failure. */
export class GateError extends Error {
  override name = 'GateError'
  /** The fetch summary, with the decision and the messages that did not count. */
  summarize: SummaryWriter | undefined
  constructor(
    message: string,
    /** The outputs, written although the step fails (`matched` is 'false'). */
    readonly outputs: Record<string, string>
  ) {
    super(message)
  }
}

/** Adds a part to the job summary: through the page, which takes only escaped text or `Html`. */
export type SummaryWriter = (page: SummaryPage) => void

/** What the action was doing when a Chatwork or network failure happened. */
export class DeliveryError extends Error {
  override name = 'DeliveryError'
  /** What the job summary says about the failure; set by the mode that knows what it tried. */
  summarize: SummaryWriter | undefined
  /** Outputs known despite the failure (the rooms that did get the message). */
  readonly outputs: Record<string, string>
  constructor(message: string, options?: ErrorOptions & { outputs?: Record<string, string> }) {
    super(message, options)
    this.outputs = options?.outputs ?? {}
  }
}

export type ChatworkFailure =
  ChatworkHttpError | NetworkError | InvalidResponseError | UnconfirmedError

export function isChatworkFailure(error: unknown): error is ChatworkFailure {
  return (
    error instanceof ChatworkHttpError ||
    error instanceof NetworkError ||
    error instanceof InvalidResponseError ||
    error instanceof UnconfirmedError
  )
}

/** A message for any thrown value, also for a thrown non-Error. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message
  return typeof error === 'string' ? error : (JSON.stringify(error) ?? String(error))
}

/**
 * update and delete: a 404 or 403 is about the message, not the room. Chatwork answers 404 for
 * a message that does not exist (deleted, or in another room) and 403 for someone else's.
 */
export function adviceForEdit(error: ChatworkFailure): string | undefined {
  const status = httpStatusOf(error)
  if (status === 404) {
    return MESSAGE_NOT_FOUND_ADVICE
  }
  if (status === 403) {
    return NOT_AUTHOR_ADVICE
  }
  return undefined
}

/** The HTTP status Chatwork answered with, also behind an unconfirmed retry; else undefined. */
export function httpStatusOf(error: unknown): number | undefined {
  const failure = error instanceof UnconfirmedError ? error.failure : error
  return failure instanceof ChatworkHttpError ? failure.status : undefined
}

/** What to do about a Chatwork or network failure. */
export function adviceFor(error: ChatworkFailure): string {
  if (error instanceof UnconfirmedError) return adviceFor(error.failure)
  if (error instanceof NetworkError && error.proxyAuth) return PROXY_AUTH_ADVICE
  if (error instanceof NetworkError) {
    return NETWORK_ADVICE
  }
  if (error instanceof InvalidResponseError) {
    return INVALID_RESPONSE_ADVICE
  }
  switch (error.status) {
    case 401:
      return UNAUTHORIZED_ADVICE
    case 403:
      return FORBIDDEN_ADVICE
    case 404:
      return NOT_FOUND_ADVICE
    case 407:
      return PROXY_AUTH_ADVICE
    case 429:
      return RATE_LIMIT_ADVICE
    case 400:
      return BAD_REQUEST_ADVICE
    default:
      return error.status >= 500 ? SERVER_ERROR_ADVICE : OTHER_STATUS_ADVICE
  }
}
