import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InfraError } from './errors';
import { jvmArgs } from './kafka-config';
import type { JvmHeap } from './kafka-config';
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

/** What formatting reads: the node's config and log dir, and the jars and logging config to run the tool with. */
export type StoragePaths = Pick<KafkaPaths, 'version' | 'conf' | 'log4jConf' | 'dataDir' | 'jarsDir'>;

/**
 * Formats `p.dataDir` for KRaft with `clusterId` (the config at `p.conf` must exist). The id is
 * passed as `--cluster-id=<id>`, one argument, so even an id starting with `-` is a value.
 * Formatting twice is a no-op (`--ignore-formatted`). `heap` defaults to the single broker's.
 * Throws InfraError with the tool's output.
 */
export function formatStorage(p: StoragePaths, java: string, clusterId: string, heap?: JvmHeap): void {
  mkdirSync(p.dataDir, { recursive: true });
  const args = [
    ...jvmArgs(p, heap),
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

/** The `cluster.id` in `dataDir/meta.properties`, or null while the dir is not formatted. */
export function formattedClusterId(dataDir: string): string | null {
  const meta = join(dataDir, 'meta.properties');
  if (!existsSync(meta)) return null;
  return /^cluster\.id=(.+)$/m.exec(readFileSync(meta, 'utf8'))?.[1]?.trim() ?? null;
}
