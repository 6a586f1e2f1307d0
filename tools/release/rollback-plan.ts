import { APPS } from './apps';
import { tagOf } from './identity';
import { readOverlayImages, setOverlayTag } from './overlay-images';
import { readReleaseLog } from './release-log';

export interface RollbackPlan {
  readonly tag: string;
  /** app -> [current tag, rolled-back tag] */
  readonly changes: Readonly<Record<string, readonly [string, string]>>;
  /** The overlay file's new text. */
  readonly overlay: string;
}

/**
 * Points an overlay at the images of the release with config `version` (the latest record
 * of that version). Nothing is rebuilt: a rollback redeploys images that already ran.
 * Writes the overlay only when `apply`. Throws listing the recorded versions when unknown.
 */
export function planRollback(root: string, env: string, version: number, apply: boolean): RollbackPlan {
  const records = readReleaseLog(root).releases.filter((r) => r.configVersion === version);
  const record = records.at(-1);
  if (!record) {
    const known = readReleaseLog(root).releases.map((r) => `cfg${r.configVersion}-${r.gitSha}`);
    throw new Error(`no release with config version ${version}; recorded: ${known.join(', ') || 'none'}`);
  }
  const tag = tagOf(record);
  const before = readOverlayImages(root, env);
  const changes = Object.fromEntries(
    APPS.map(({ name }) => [name, [before.find((i) => i.name === name)?.newTag ?? '', tag] as const]),
  );
  return { tag, changes, overlay: setOverlayTag(root, env, tag, apply) };
}
