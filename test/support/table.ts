/**
 * An end-to-end table, written as `it.each` is: its first row runs in `npm test`, one run of the
 * bundle for the behaviour the table checks, and its other rows are tagged `table`. `npm test`
 * leaves those out (`--tagsFilter='!table'`); `npm run test:tables` and the tables step of
 * `.ci/run` run them, and coverage counts them. Every row of a table still runs in CI: the tag
 * only moves the rest of it out of the loop a developer runs after each change, which the
 * bundle's starts, one per row, made long (CONTRIBUTING, "The larger tables").
 *
 * Put the row that shows the behaviour best first.
 */
import { it, type TestOptions } from 'vitest'

/** The tag of a table's rows after its first (vitest.config.ts declares it). */
export const TABLE_TAG = 'table'

type Body = (...row: unknown[]) => void | Promise<void>

/** `it.each`, with the same signature and names: `table(rows)(name, fn)`. */
export const table = ((rows: readonly unknown[]) => {
  const [first, ...rest] = rows
  return (name: string, optionsOrFn: TestOptions | Body, fnOrTimeout?: Body | number) => {
    const [options, fn] =
      typeof optionsOrFn === 'function'
        ? [{ timeout: fnOrTimeout as number | undefined }, optionsOrFn]
        : [optionsOrFn, fnOrTimeout as Body]
    it.each([first])(name, options, fn)
    if (rest.length > 0) it.each(rest)(name, { ...options, tags: [TABLE_TAG] }, fn)
  }
}) as unknown as typeof it.each
