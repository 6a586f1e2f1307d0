import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { InfraError } from './errors';
import { jvmArgs } from './kafka-config';
import type { KafkaPaths } from './paths';

/**
 * A KRaft cluster id as Kafka's own `Uuid.randomUuid()` makes it: 16 random bytes in unpadded
 * base64url (22 chars), drawn again while it starts with `-`, so a tool never reads it as a flag.
 */
export function newClusterId(random: (size: number) => Buffer = randomBytes): string {
  for (;;) {
    const id = random(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

/**
 * Formats `p.dataDir` for KRaft with `clusterId` (the config at `p.conf` must exist). The id is
 * passed as `--cluster-id=<id>`, one argument, so even an id starting with `-` is a value.
 * Formatting twice is a no-op (`--ignore-formatted`). Throws InfraError with the tool's output.
 */
export function formatStorage(p: KafkaPaths, java: string, clusterId: string): void {
  mkdirSync(p.dataDir, { recursive: true });
  const args = [
    ...jvmArgs(p),
    'kafka.tools.StorageTool',
    'format',
    `--cluster-id=${clusterId}`,
    `--config=${p.conf}`,
    '--ignore-formatted',
  ];
  const r = spawnSync(java, args, { encoding: 'utf8' });
  if (r.status !== 0) {
    throw new InfraError(`kafka StorageTool format failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
  }
}
