/** Time, passed in: the action uses the real one, the gate's unit tests a fake one. */
export interface Clock {
  /** Unix milliseconds. */
  now(): number
  sleep(ms: number): Promise<void>
}

export const realClock: Clock = {
  // eslint-disable-next-line no-restricted-properties -- the one real clock
  now: () => Date.now(),
  sleep: ms => new Promise(resolve => setTimeout(resolve, ms))
}
