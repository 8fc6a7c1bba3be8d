/**
 * Imported first by index.ts, so that these handlers are in place before any other module is
 * evaluated: whatever escapes every catch is reported through the log module (see `crash`).
 */
import { crash } from './log.js'

process.on('uncaughtException', crash)
process.on('unhandledRejection', crash)
