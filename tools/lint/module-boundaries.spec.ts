import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { ESLint } from 'eslint';
import { createProjectGraphAsync } from 'nx/src/devkit-exports';
import tseslint from 'typescript-eslint';

/**
 * The Nx tags must enforce something: these fixtures break each boundary and the repo's own
 * ESLint config must reject them. Type-aware rules are switched off so the fixtures need not
 * exist on disk; the boundary rules do not need types.
 */
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: [{ files: ['**/*.ts'], ...tseslint.configs.disableTypeChecked }],
});

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('module boundaries', () => {
  // The boundary rule reads Nx's cached project graph; build it here so this file passes alone
  // on a fresh clone, whatever ran (or did not run) before it.
  before(async () => {
    await createProjectGraphAsync({ exitOnError: false });
  });

  // Apps have no package entry point (nothing may import one), so the fixtures reach for an
  // app's file directly: that import would resolve, and only the boundary rule stops it.
  test('an app may not import another app', async () => {
    const found = await ruleIds('apps/spawner/src/fixture.ts', "import '@hunt/hunt-api/src/main.ts';\n");
    assert.ok(
      found.some((m) => m.includes('@nx/enforce-module-boundaries')),
      found.join('\n'),
    );
  });

  test('a library may not import an app', async () => {
    const found = await ruleIds('libs/static-config/src/fixture.ts', "import '@hunt/loot-service/src/main.ts';\n");
    assert.ok(
      found.some((m) => m.includes('@nx/enforce-module-boundaries')),
      found.join('\n'),
    );
  });

  test('libs/difficulty may not import I/O packages, node builtins or read the clock', async () => {
    const code = "import 'ioredis';\nimport 'node:fs';\nexport const t = Date.now();\n";
    const found = await ruleIds('libs/difficulty/src/fixture.ts', code);
    assert.ok(
      found.some((m) => m.includes('enforce-module-boundaries') && m.includes('ioredis')),
      found.join('\n'),
    );
    assert.ok(
      found.some((m) => m.includes('no-restricted-imports') && m.includes('node:fs')),
      found.join('\n'),
    );
    assert.ok(
      found.some((m) => m.includes('no-restricted-syntax')),
      found.join('\n'),
    );
  });

  test('a util library may not depend on a data-access library', async () => {
    const found = await ruleIds('libs/difficulty/src/fixture.ts', "import '@hunt/static-config';\n");
    assert.ok(
      found.some((m) => m.includes('type:util')),
      found.join('\n'),
    );
  });

  test('allowed imports pass', async () => {
    const found = await ruleIds('apps/spawner/src/fixture.ts', "import '@hunt/service-kit';\n");
    assert.deepEqual(found, []);
  });
});
