/**
 * Start-up of a single executable (bundled to CommonJS as the SEA main script). The binary
 * carries the app's build output (`build-app.ts`: ESM main.js, the baked config/hunt.toml and
 * every .proto) as SEA assets. They are written to a private temp folder (mode 0700) that is
 * removed at exit, and main.js is imported from there.
 *
 * Why extract instead of a CommonJS re-bundle reading assets in memory: main.js uses top-level
 * await (not expressible in CommonJS), and @grpc/proto-loader, grpc-health-check and
 * @grpc/reflection read .proto files from disk by path. Extracting runs the very bundle the
 * images run, byte for byte, so the baked TOML and its sha256 are identical everywhere.
 * A SIGKILLed process leaves its folder behind in the temp dir (a few hundred kB).
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getAsset, getAssetKeys } from 'node:sea';

const dir = mkdtempSync(join(tmpdir(), 'hunt-sea-'));
chmodSync(dir, 0o700);
process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
for (const key of getAssetKeys()) {
  const file = join(dir, key);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, new Uint8Array(getAsset(key)));
}
// The SEA main script's own require() loads built-in modules only and it has no import();
// a real CommonJS file on disk gets both from Node's ordinary loader.
const boot = join(dir, 'sea-boot.cjs');
writeFileSync(boot, 'module.exports = (url) => import(url);\n');
const importFromDisk = createRequire(boot)(boot) as (url: string) => Promise<unknown>;
importFromDisk(pathToFileURL(join(dir, 'main.js')).href).catch((error: unknown) => {
  process.stderr.write(`failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
