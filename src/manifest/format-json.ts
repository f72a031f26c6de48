/**
 * Serialises JSON the way the generated project's formatter (Prettier, 100 columns) prints it,
 * so `format:check` passes on the manifest: objects one key per line, a short array of plain
 * values on one line, a long one one value per line.
 */
export function formatJson(value: unknown, printWidth = 100): string {
  return `${formatValue(value, "", 0, printWidth)}\n`;
}

function formatValue(value: unknown, indent: string, used: number, width: number): string {
  if (Array.isArray(value)) {
    const items = value.map((item) => formatValue(item, `${indent}  `, 0, width));
    if (items.length === 0) return "[]";
    const inline = `[${items.join(", ")}]`;
    if (used + inline.length <= width && !inline.includes("\n")) return inline;
    return `[\n${items.map((item) => `${indent}  ${item}`).join(",\n")}\n${indent}]`;
  }
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined);
    if (entries.length === 0) return "{}";
    const lines = entries.map(([key, item], index) => {
      const prefix = `${indent}  ${JSON.stringify(key)}: `;
      // The comma after a value counts toward the line's width, as the formatter counts it.
      const comma = index < entries.length - 1 ? 1 : 0;
      return `${prefix}${formatValue(item, `${indent}  `, prefix.length + comma, width)}`;
    });
    return `{\n${lines.join(",\n")}\n${indent}}`;
  }
  return JSON.stringify(value);
}
