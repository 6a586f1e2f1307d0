/**
 * Bundles one app into `dist/apps/<name>/`: `main.js` (every dependency inlined, so the folder
 * runs with `node dist/apps/<name>/main.js` and nothing else), the baked `config/hunt.toml`,
 * the project's .proto files with the google.rpc ones of its errors, and the protos that
 * grpc-health-check and @grpc/reflection read at run time, and Swagger UI's files (the hunt
 * API's /docs). Usage: build-app.ts <app-folder>
 * [out-folder], e.g. build-app.ts apps/spawner (out-folder defaults to dist/apps/<name>;
 * deploy and SEA builds bundle into their own).
 */
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { GOOGLE_RPC_PROTOS, googleProtoRoot } from '@hunt/contracts';
import { build } from 'esbuild';
import { BUNDLE_BANNER, vendorProtoPlugin, VENDOR_PROTO_DIR, vendorProtoSources } from './vendor-protos';
import { copySwaggerUiStatic, vendorSwaggerUiPlugin } from './vendor-swagger-ui';

const root = resolve(import.meta.dirname, '../..');
const appDir = process.argv[2];
if (!appDir) {
  console.error('usage: build-app.ts <app-folder>   e.g. build-app.ts apps/spawner');
  process.exit(2);
}
const name = basename(appDir);
const out = resolve(process.argv[3] ?? join(root, 'dist/apps', name));

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const { metafile } = await build({
  entryPoints: [join(root, appDir, 'src/main.ts')],
  outfile: join(out, 'main.js'),
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  banner: { js: BUNDLE_BANNER },
  plugins: [vendorProtoPlugin, vendorSwaggerUiPlugin],
  metafile: true,
});
writeFileSync(
  join(out, 'package.json'),
  JSON.stringify({ name: `@hunt/${name}-dist`, private: true, type: 'module' }, null, 2) + '\n',
);
cpSync(join(root, 'config/hunt.toml'), join(out, 'config/hunt.toml'));
cpSync(join(root, 'libs/contracts/proto'), join(out, 'proto'), { recursive: true });
// The rich error model's google.rpc protos (from google-proto-files), beside the project's.
for (const file of GOOGLE_RPC_PROTOS) cpSync(join(googleProtoRoot(), file), join(out, 'proto', file));
for (const source of vendorProtoSources(root)) {
  cpSync(source, join(out, VENDOR_PROTO_DIR), { recursive: true, filter: (path) => !path.includes('/sample') });
}
copySwaggerUiStatic(root, metafile, out);
console.error(`built ${out}/main.js`);
