import { ConfigError, formatProblem, type ConfigProblem } from '@hunt/config-schema';
import { loadConfigFile } from '@hunt/static-config';
import { EXIT } from '../exit-codes';

interface FileResult {
  file: string;
  ok: boolean;
  version?: number;
  sha256?: string;
  problems: readonly ConfigProblem[];
}

export const validateHelp = `hunt-config validate [files...] [--format text|json]

Validates each config file (default: config/hunt.toml) and prints every problem as
<file>:<line>:<col> <key.path>: <message>. Exit 0 when all are valid, 1 otherwise.`;

export function validate(files: readonly string[], format: 'text' | 'json', out: (s: string) => void): number {
  const results: FileResult[] = files.map((file) => {
    try {
      const loaded = loadConfigFile(file);
      return { file, ok: true, version: loaded.version, sha256: loaded.sha256, problems: [] };
    } catch (error) {
      if (error instanceof ConfigError) return { file, ok: false, problems: error.problems };
      throw error;
    }
  });
  if (format === 'json') out(JSON.stringify(results, null, 2));
  else {
    for (const r of results) {
      if (r.ok) out(`${r.file}: ok (version ${r.version}, sha256 ${r.sha256!.slice(0, 12)})`);
      else for (const p of r.problems) out(formatProblem(p));
    }
  }
  return results.every((r) => r.ok) ? EXIT.ok : EXIT.invalid;
}
