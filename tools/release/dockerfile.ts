import { readFileSync } from 'node:fs';

/** The parts of a Dockerfile the deploy tests check (one instruction per logical line). */
export interface ParsedDockerfile {
  readonly froms: readonly string[];
  readonly args: readonly string[];
  /** COPY sources read from the build context (COPY --from=<stage> is left out). */
  readonly contextCopies: readonly string[];
  /** Every LABEL key="value" pair, values unexpanded (`${ARG}` as written). */
  readonly labels: Readonly<Record<string, string>>;
  readonly user: string | undefined;
  readonly healthcheck: string | undefined;
  readonly cmd: string | undefined;
}

export function parseDockerfile(file: string): ParsedDockerfile {
  const lines = readFileSync(file, 'utf8')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const withOp = (op: string) =>
    lines.filter((l) => l.toUpperCase().startsWith(`${op} `)).map((l) => l.slice(op.length + 1).trim());
  const contextCopies = withOp('COPY')
    .map((rest) => rest.split(/\s+/))
    .filter((words) => !words.some((w) => w.startsWith('--from=')))
    .flatMap((words) => words.filter((w) => !w.startsWith('--')).slice(0, -1));
  return {
    froms: withOp('FROM'),
    args: withOp('ARG').map((a) => a.split('=')[0]!),
    contextCopies,
    labels: Object.fromEntries(
      withOp('LABEL').flatMap((rest) => [...rest.matchAll(/([\w.-]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!])),
    ),
    user: withOp('USER').at(-1),
    healthcheck: withOp('HEALTHCHECK').at(-1),
    cmd: withOp('CMD').at(-1),
  };
}
