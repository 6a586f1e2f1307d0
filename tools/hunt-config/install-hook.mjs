/* global process, console */
// `npm ci` / `npm install` run this (the root "prepare" script): installs the git pre-commit
// hook that validates config/hunt.toml and refuses a changed config whose version was not
// bumped. Quietly does nothing outside a git checkout (image builds), and never replaces a
// pre-commit hook that someone else installed.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const MARKER = '# hunt-config pre-commit hook';
const HOOK = `#!/bin/sh
${MARKER} (installed by npm's prepare script; see tools/hunt-config/install-hook.mjs)
if git diff --cached --quiet -- config/hunt.toml; then exit 0; fi
npx --no-install hunt-config validate config/hunt.toml || exit 1
npx --no-install hunt-config check-version --base HEAD config/hunt.toml || exit 1
`;

let hooksDir;
try {
  hooksDir = execFileSync('git', ['rev-parse', '--git-path', 'hooks'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }).trim();
} catch {
  process.exit(0);
}
const file = join(hooksDir, 'pre-commit');
if (existsSync(file) && !readFileSync(file, 'utf8').includes(MARKER)) {
  console.error(
    `hunt-config: ${file} exists and is not ours; add "npx hunt-config check-version --base HEAD" to it yourself`,
  );
  process.exit(0);
}
mkdirSync(hooksDir, { recursive: true });
writeFileSync(file, HOOK);
chmodSync(file, 0o755);
