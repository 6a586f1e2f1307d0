// @ts-check
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/** Packages that do I/O: a pure library must not import them. */
const IO_PACKAGES = [
  'node:*',
  'fs',
  'net',
  'http',
  'child_process',
  'kafkajs',
  'ioredis',
  'fastify',
  '@grpc/*',
  'grpc-health-check',
  'prom-client',
  'pino',
];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.cache/**', '.infra/**', '.nx/**', 'tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  prettier,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-floating-promises': [
        'error',
        // node:test's describe/test return promises that the runner itself awaits.
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['describe', 'test', 'it', 'suite'] },
          ],
        },
      ],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/only-throw-error': 'error',
      'no-console': ['error', { allow: ['error'] }],
      // Fastify plugins and handlers are async by contract even when they do not await.
      '@typescript-eslint/require-await': 'off',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          banTransitiveDependencies: false,
          depConstraints: [
            // Layers: apps wire, features compose, data-access does I/O, util is pure helpers.
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:util'] },
            { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:util'] },
            { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:data-access', 'type:util'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
            // Tools (engine, benchmarks, CLIs) compose every scope, but never import an app.
            { sourceTag: 'type:tool', notDependOnLibsWithTags: ['type:app', 'type:tool'] },
            { sourceTag: 'type:deploy', onlyDependOnLibsWithTags: [] },
            // Scopes: each game service sees only its own code and the shared libs.
            { sourceTag: 'scope:hunt', onlyDependOnLibsWithTags: ['scope:hunt', 'scope:shared'] },
            { sourceTag: 'scope:loot', onlyDependOnLibsWithTags: ['scope:loot', 'scope:shared'] },
            { sourceTag: 'scope:spawner', onlyDependOnLibsWithTags: ['scope:spawner', 'scope:shared'] },
            { sourceTag: 'scope:shared', notDependOnLibsWithTags: ['scope:hunt', 'scope:loot', 'scope:spawner'] },
            // Purity: deterministic code runs in every request; it may not touch the world.
            { sourceTag: 'purity:pure', onlyDependOnLibsWithTags: ['purity:pure'], bannedExternalImports: IO_PACKAGES },
          ],
        },
      ],
    },
  },
  {
    // Belt and braces for the pure library: node builtins are banned by name as well, because
    // the Nx rule checks npm packages and projects, not the runtime's own modules.
    files: [
      'libs/difficulty/src/**/*.ts',
      'libs/config-schema/src/**/*.ts',
      'libs/spawn-core/src/**/*.ts',
      'libs/loot-core/src/**/*.ts',
      'libs/random/src/**/*.ts',
    ],
    ignores: ['libs/*/src/**/*.spec.ts', 'libs/*/src/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'pure library: no Node.js builtins.' },
            {
              group: IO_PACKAGES.filter((p) => !p.startsWith('node:')),
              message: 'pure library: no I/O packages.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'a pure library takes time as an argument; it has no clock of its own.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'a pure library takes time as an argument; it has no clock of its own.',
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'a pure library has no process access.' },
        { name: 'performance', message: 'a pure library takes time as an argument.' },
      ],
    },
  },
  {
    files: ['tools/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
