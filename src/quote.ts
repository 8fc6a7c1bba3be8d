/** Quotes a user's value for an error message, showing invisible and overly long values. */
export function quote(value: string): string {
  const shown = value.length > 80 ? `${value.slice(0, 77)}...` : value
  return `'${JSON.stringify(shown).slice(1, -1).replace(/\\"/g, '"')}'`
}
