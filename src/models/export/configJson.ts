/** The settings as JSON a reader can scan: one line per setting, one per entry of a list of records. */
export function configJson(config: Record<string, unknown>): string {
  const value = (v: unknown) =>
    Array.isArray(v) && v.some((x) => typeof x === 'object' && x !== null) ? `[\n${v.map((x) => `  ${JSON.stringify(x)}`).join(',\n')}\n ]` : JSON.stringify(v);
  return `{\n${Object.entries(config).map(([k, v]) => ` ${JSON.stringify(k)}: ${value(v)}`).join(',\n')}\n}`;
}
