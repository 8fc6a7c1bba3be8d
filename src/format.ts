/** Formatting for messages people read: quoted values and durations. */

/** Quotes a user's value for an error message, showing invisible and overly long values. */
export function quote(value: string): string {
  const shown = value.length > 80 ? `${value.slice(0, 77)}...` : value
  return `'${JSON.stringify(shown).slice(1, -1).replace(/\\"/g, '"')}'`
}

/** A duration for a log line: "30 s", or with `digits` decimals, "1.5 s". */
export function seconds(ms: number, digits = 0): string {
  return `${(ms / 1000).toFixed(digits)} s`
}

/**
 * Breaks the runner's older command form, `##[command]`, with a zero-width space, so that text
 * someone else wrote cannot issue one.
 */
export function breakLegacyCommands(text: string): string {
  return text.replaceAll('##[', '#\u200B#[')
}
