import { testConfigWith } from '@hunt/difficulty/testing';
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { UsageError } from '../exit-codes';
import { resolveRange } from './range';

const config = testConfigWith('');
const at = (iso: string) => Date.parse(iso);

describe('resolveRange', () => {
  test('defaults to the season', () =>
    assert.deepEqual(resolveRange(config), { fromMs: at('2026-01-01T00:00Z'), toMs: at('2026-04-01T00:00Z') }));

  test('ISO instants (any offset, bare dates at UTC midnight) and durations from the season start', () => {
    assert.deepEqual(resolveRange(config, '2026-01-10', '2026-01-10T20:30:59+02:00'), {
      fromMs: at('2026-01-10T00:00Z'),
      toMs: at('2026-01-10T18:30Z'),
    });
    assert.deepEqual(resolveRange(config, '14d', '14d12h'), {
      fromMs: at('2026-01-15T00:00Z'),
      toMs: at('2026-01-15T12:00Z'),
    });
  });

  test('malformed, empty and overlong ranges are usage errors', () => {
    for (const [from, to] of [
      ['yesterday', undefined],
      ['2026-13-40', undefined],
      ['10d', '2d'],
      ['2025-01-01', '2026-06-01'],
    ] as const)
      assert.throws(() => resolveRange(config, from, to), UsageError, `${from}..${to}`);
  });
});
