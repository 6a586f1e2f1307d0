import { editConfigText } from '@hunt/config-schema/testing';
import { writeTempConfig } from '@hunt/static-config/testing';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runPreview } from '../commands/preview';
import { EXIT, UsageError } from '../exit-codes';

const valid = writeTempConfig();
const outDir = mkdtempSync(join(tmpdir(), 'hunt-preview-'));

function run(args: Partial<Parameters<typeof runPreview>[0]>) {
  const lines: string[] = [];
  const code = runPreview({ file: valid, ...args }, (s) => lines.push(s));
  return { code, lines };
}

describe('runPreview', () => {
  test('--out is required and must end in .svg or .html', () => {
    assert.throws(() => run({}), UsageError);
    assert.throws(() => run({ out: join(outDir, 'chart.png') }), /--out must end in \.svg or \.html/);
  });

  test('an invalid file or --vs file exits 1 with every problem as <file>:<line>:<col> <key>: <message>', () => {
    const bad = writeTempConfig(editConfigText({ 'radius_m = 25': 'radius_m = -1' }));
    const r = run({ vs: bad, out: join(outDir, 'never.svg') });
    assert.equal(r.code, EXIT.invalid);
    assert.match(r.lines.join('\n'), new RegExp(`^${bad}:\\d+:1 claim\\.radius_m: `, 'm'));
  });

  test('writes the chart and says what it drew', () => {
    const out = join(outDir, 'chart.svg');
    const r = run({ from: '2d', to: '5d', out });
    assert.equal(r.code, EXIT.ok);
    assert.match(readFileSync(out, 'utf8'), /^<svg /);
    assert.match(r.lines[0]!, /6 series, 2026-01-03 00:00 UTC to 2026-01-06 00:00 UTC, 5-minute buckets/);
  });
});
