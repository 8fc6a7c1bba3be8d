/**
 * An end-to-end table, written as `it.each` is: its first row runs in `npm test`, one run of the
 * bundle for the behaviour the table checks, and its other rows are tagged `table`. `npm test`
 * leaves those out (`--tagsFilter='!table'`); in the end-to-end files, `npm run test:tables` and
 * the tables step of `.ci/run` run them, and coverage counts every row. The tag only moves the
 * rest of a table out of the loop a developer runs after each change, which the bundle's
 * starts, one per row, made long (CONTRIBUTING, "The larger tables").
 *
 * Only for rows that are values of one behaviour, the row that shows it best first: rows that
 * check different behaviours stay `it.each`. Names with `%#` or `$index` are refused (the
 * tagged rows would count from 0 again), and so is the template-literal form.
 */
import { it, type TestOptions } from 'vitest'

/** The tag of a table's rows after its first (vitest.config.ts declares it). */
export const TABLE_TAG = 'table'

type Body = (...row: unknown[]) => void | Promise<void>

/** `it.each`, with the same signature: `table(rows)(name, fn)`, `(name, options, fn)`, `(name, fn, timeout)`. */
export const table = ((rows: readonly unknown[], ...template: unknown[]) => {
  if (template.length > 0 || !Array.isArray(rows)) throw new Error('table() takes an array of rows')
  return (name: string, optionsOrFn: TestOptions | Body, fnOrTimeout?: Body | number) => {
    if (/%#|\$index/.test(name)) throw new Error(`table(): the name '${name}' counts rows`)
    const [options, fn] =
      typeof optionsOrFn === 'function'
        ? [{ timeout: fnOrTimeout as number | undefined }, optionsOrFn]
        : [optionsOrFn, fnOrTimeout as Body]
    // An empty table registers nothing, as it.each does.
    if (rows.length === 0) return it.each(rows)(name, options, fn)
    const [first, ...rest] = rows
    it.each([first])(name, options, fn)
    const tags = [...[options.tags ?? []].flat(), TABLE_TAG]
    if (rest.length > 0) it.each(rest)(name, { ...options, tags }, fn)
  }
}) as unknown as typeof it.each
