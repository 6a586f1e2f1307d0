/** The page around a chart or map: self-contained (inline style, no scripts, no network). */
export function htmlPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${title}</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 24px; color: #222; }
  table { border-collapse: collapse; margin-top: 16px; font-size: 13px; }
  th, td { border: 1px solid #ddd; padding: 4px 10px; text-align: left; vertical-align: top; }
  th { background: #f6f6f6; }
</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** A table with a header row; cells are HTML already escaped by the caller. */
export function htmlTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  return [
    '<table>',
    `<thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead>`,
    '<tbody>',
    ...rows.map((cells) => `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`),
    '</tbody>',
    '</table>',
  ].join('\n');
}
