import { cpSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import type { Metafile, Plugin } from 'esbuild';

/**
 * @fastify/swagger-ui (the hunt API's /docs) reads Swagger UI's files from its own folder at
 * run time (`__dirname/../static`, and the logo from `__dirname/static`). In a bundle that
 * `__dirname` would not exist (ESM has none: registering the plugin would throw), so its
 * modules are rewritten to the same relative folders under `<bundle dir>/swagger-ui`, where
 * copySwaggerUiStatic puts the `static` folder.
 */
const SWAGGER_UI_DIR = 'swagger-ui';
const PACKAGE = /node_modules\/@fastify\/swagger-ui\//;
const MODULES = /node_modules\/@fastify\/swagger-ui\/(index|lib\/[^/]+)\.js$/;

export const vendorSwaggerUiPlugin: Plugin = {
  name: 'swagger-ui-static',
  setup(b) {
    b.onLoad({ filter: MODULES }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const packageRoot = args.path.slice(0, args.path.search(PACKAGE)) + 'node_modules/@fastify/swagger-ui';
      const dir = relative(packageRoot, dirname(args.path));
      // Stays CommonJS, like the grpc vendor modules: the banner records the bundle's folder.
      const bundled = `require('node:path').join(globalThis.__huntBundleDir, ${JSON.stringify(join(SWAGGER_UI_DIR, dir))})`;
      return { contents: source.replaceAll('__dirname', `(${bundled})`), loader: 'js' };
    });
  },
};

/** Copies Swagger UI's static files beside a bundle that includes @fastify/swagger-ui. */
export function copySwaggerUiStatic(root: string, metafile: Metafile, out: string): void {
  if (!Object.keys(metafile.inputs).some((input) => PACKAGE.test(input))) return;
  cpSync(join(root, 'node_modules/@fastify/swagger-ui/static'), join(out, SWAGGER_UI_DIR, 'static'), {
    recursive: true,
  });
}
