import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { REPO_ROOT } from './identity';

/** Where `npm test` installs a pinned kustomize (from the Go module proxy) when no v5 renderer exists. */
export const CACHED_KUSTOMIZE = join(REPO_ROOT, '.cache/go/bin/kustomize');
const KUSTOMIZE_MODULE = 'sigs.k8s.io/kustomize/kustomize/v5@v5.5.0';
const INSTALL_HINT =
  `install kustomize v5 (\`GOBIN=$PWD/.cache/go/bin go install ${KUSTOMIZE_MODULE}\`, as \`npm test\` does) ` +
  "or kubectl >= 1.27; Debian's kubernetes-client (1.20) is too old for `resources: [../../base]`";

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  [field: string]: unknown;
}

function renderer(): { command: string; args: string[] } {
  if (existsSync(CACHED_KUSTOMIZE)) return { command: CACHED_KUSTOMIZE, args: ['build'] };
  for (const [command, args] of [
    ['kustomize', ['build']],
    ['kubectl', ['kustomize']],
  ] as const) {
    try {
      const version = execFileSync(command, ['version', ...(command === 'kubectl' ? ['--client'] : [])], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      if (/v[5-9]\.\d+/.test(command === 'kubectl' ? (/Kustomize Version: (\S+)/.exec(version)?.[1] ?? '') : version)) {
        return { command, args: [...args] };
      }
    } catch {
      // not installed: try the next one
    }
  }
  throw new Error(`no kustomize v5 renderer found: ${INSTALL_HINT}`);
}

/**
 * Makes a kustomize v5 renderer available: a kubectl or kustomize that bundles v5, else the
 * pinned module built with `go install` into .cache/go/bin (about 2 minutes, once). Throws
 * naming what to install when there is no Go toolchain either.
 */
export function ensureKustomize(log: (line: string) => void): void {
  try {
    renderer();
    return;
  } catch {
    // none yet: build the pinned one
  }
  const path = [process.env['PATH'] ?? '', '/usr/local/go/bin'].join(delimiter);
  log(`no kustomize v5 found: go install ${KUSTOMIZE_MODULE} into .cache/go/bin (once)`);
  const r = spawnSync('go', ['install', KUSTOMIZE_MODULE], {
    env: { ...process.env, PATH: path, GOBIN: join(REPO_ROOT, '.cache/go/bin') },
    stdio: ['ignore', 2, 2],
  });
  if (r.status !== 0 || !existsSync(CACHED_KUSTOMIZE)) {
    throw new Error(`could not build kustomize (${r.error?.message ?? `go exit ${r.status}`}): ${INSTALL_HINT}`);
  }
}

/** Renders a kustomization folder into its objects. Throws naming what to install when no renderer exists. */
export function renderKustomization(dir: string): K8sObject[] {
  const { command, args } = renderer();
  const yaml = execFileSync(command, [...args, dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return parseAllDocuments(yaml).map((doc) => doc.toJS() as K8sObject);
}

/** Name and version of the renderer in use, for test output. */
export function rendererVersion(): string {
  const { command } = renderer();
  const out = execFileSync(command, command.endsWith('kubectl') ? ['version', '--client'] : ['version'], {
    encoding: 'utf8',
  });
  return `${command}: ${out.trim().replace(/\n/g, '; ')}`;
}
