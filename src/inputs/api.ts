/** The inputs of `mode: api`, read only in that mode (the checks: api-path.ts, api-params.ts). */
import * as runner from '../runner.js'
import type { Method } from '../chatwork/http.js'
import { Input } from '../constants.js'
import { InputError } from '../errors.js'
import { quote } from '../format.js'
import { parseApiParams } from './api-params.js'
import { parseApiPath } from './api-path.js'
import { buildTemplateContext } from './github-context.js'
import { input } from './source.js'
import type { ApiSettings } from './settings.js'

const METHODS: readonly Method[] = ['GET', 'POST', 'PUT', 'DELETE']

export async function readApiSettings(
  common: Omit<ApiSettings, 'mode' | 'method' | 'path' | 'params'>
): Promise<ApiSettings> {
  const method = parseApiMethod(input(Input.apiMethod))
  const event = buildTemplateContext(new runner.Context(), process.env).github
  const path = parseApiPath(input(Input.apiPath), event)
  const params = await parseApiParams(input(Input.apiParams, { trimWhitespace: false }))
  return { ...common, mode: 'api', method, path, params }
}

export function parseApiMethod(value: string): Method {
  const method = METHODS.find(m => m === value.trim().toUpperCase())
  if (method) return method
  throw new InputError(
    value.trim() === ''
      ? `Input '${Input.apiMethod}' is required for mode 'api': one of ${METHODS.join(', ')}.`
      : `Input '${Input.apiMethod}' is ${quote(value)}; expected one of ${METHODS.join(', ')}.`
  )
}
