const KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'and', 'or', 'unless']);
const KEYWORDS_ANY_CASE = new Set(['bool', 'offset', 'inf', 'nan']);

/**
 * The metric names a PromQL expression reads: identifiers that are neither functions,
 * keywords, label names (inside `{}` or `by (...)`) nor numbers. Good enough for the
 * expressions in deploy/ (a full parser would be a dependency for a lint).
 */
export function metricNamesIn(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = new Set<string>();
  for (const m of stripped.matchAll(/(?<![\w:$.])([a-zA-Z_:][\w:]*)(?![\w:])(?!\s*\()/g)) {
    const name = m[1]!;
    if (!KEYWORDS.has(name) && !KEYWORDS_ANY_CASE.has(name.toLowerCase())) names.add(name);
  }
  return [...names];
}

/** A histogram's series map back to the metric a service registers. */
export function baseMetricName(name: string): string {
  return name.replace(/_(bucket|sum|count)$/, '');
}

/**
 * The label names an expression reads: in matchers (`{pod="a"}`) and in grouping or matching
 * clauses (`by (zone)`, `on (namespace)`). Same scope as metricNamesIn.
 */
export function labelNamesIn(expr: string): string[] {
  const stripped = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const names = new Set<string>();
  for (const [, matchers] of stripped.matchAll(/\{([^}]*)\}/g)) {
    for (const m of matchers!.matchAll(/([a-zA-Z_]\w*)\s*(?:=~|!~|!=|=)/g)) names.add(m[1]!);
  }
  for (const [, , list] of stripped.matchAll(/\b(by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)/g)) {
    for (const name of list!.split(',').map((s) => s.trim())) if (name) names.add(name);
  }
  return [...names];
}
