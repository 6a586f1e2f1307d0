import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Plugin } from 'esbuild';

/**
 * grpc-health-check and @grpc/reflection load their .proto files from `__dirname/../../proto`
 * at run time. In a bundle that `__dirname` would not exist, so their modules are rewritten
 * to look in `<bundle dir>/grpc-vendor/proto` (two dummy levels keep their `../../proto`).
 */
export const VENDOR_PROTO_DIR = 'grpc-vendor/proto';

const VENDOR_MODULES = /node_modules\/(grpc-health-check|@grpc\/reflection)\/build\/src\/.*\.js$/;

export const vendorProtoPlugin: Plugin = {
  name: 'grpc-vendor-protos',
  setup(b) {
    b.onLoad({ filter: VENDOR_MODULES }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      // Stays CommonJS (an import statement here would turn the module into ESM and lose its
      // exports): the bundle's banner records its own folder in a global instead.
      const dir = "require('node:path').join(globalThis.__huntBundleDir, 'grpc-vendor/x/y')";
      return { contents: source.replaceAll('__dirname', `(${dir})`), loader: 'js' };
    });
  },
};

/** Proto folders to merge into VENDOR_PROTO_DIR (reflection's samples are left out by the caller). */
export function vendorProtoSources(root: string): string[] {
  return [join(root, 'node_modules/grpc-health-check/proto'), join(root, 'node_modules/@grpc/reflection/build/proto')];
}

/** Prepended to the bundle: a require() for CommonJS dependencies and the bundle's folder. */
export const BUNDLE_BANNER = [
  "import { createRequire as __huntCreateRequire } from 'node:module';",
  'const require = __huntCreateRequire(import.meta.url);',
  'globalThis.__huntBundleDir = import.meta.dirname;',
].join(' ');
