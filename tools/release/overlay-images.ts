import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isSeq, parseDocument } from 'yaml';
import { APPS } from './apps';

export const ENVIRONMENTS = ['staging', 'prod'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export function overlayFile(root: string, env: string): string {
  if (!(ENVIRONMENTS as readonly string[]).includes(env)) {
    throw new Error(`unknown environment '${env}'; expected one of ${ENVIRONMENTS.join(', ')}`);
  }
  return join(root, 'deploy/k8s/overlays', env, 'kustomization.yaml');
}

export interface OverlayImage {
  readonly name: string;
  readonly newName: string;
  readonly newTag: string;
}

/** The `images:` entries of an overlay. */
export function readOverlayImages(root: string, env: string): OverlayImage[] {
  const doc = parseDocument(readFileSync(overlayFile(root, env), 'utf8'));
  const images = (doc.toJS() as { images?: Partial<OverlayImage>[] }).images ?? [];
  return images.map((i) => ({ name: i.name ?? '', newName: i.newName ?? i.name ?? '', newTag: i.newTag ?? '' }));
}

/** The recommended label the overlay sets on every object to its image tag. */
export const VERSION_LABEL = 'app.kubernetes.io/version';

/**
 * Points every app's image in the overlay at `tag`, and the overlay's version label with it,
 * keeping the file's comments and order; returns the new text (written only when `write`).
 * Throws when an app has no images entry (a silently skipped app would leave two config
 * versions live) or the overlay sets no version label (every object would name a stale one).
 */
export function setOverlayTag(root: string, env: string, tag: string, write: boolean): string {
  const file = overlayFile(root, env);
  const doc = parseDocument(readFileSync(file, 'utf8'));
  const images = doc.get('images');
  if (!isSeq(images)) throw new Error(`${file}: no images list`);
  for (const { name } of APPS) {
    const entry = images.items.find((i) => isMap(i) && i.get('name') === name);
    if (!isMap(entry)) throw new Error(`${file}: no images entry for ${name}`);
    entry.set('newTag', tag);
  }
  const labels = doc.get('labels');
  const pairs = isSeq(labels)
    ? labels.items.map((l) => isMap(l) && l.get('pairs')).find((p) => isMap(p) && p.has(VERSION_LABEL))
    : undefined;
  if (!isMap(pairs)) throw new Error(`${file}: no labels entry setting ${VERSION_LABEL}`);
  pairs.set(VERSION_LABEL, tag);
  const text = doc.toString();
  if (write) writeFileSync(file, text);
  return text;
}
