import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ConfigError, parseConfig } from '@hunt/config-schema';
import { SHIPPED_CONFIG_FILE } from '../bench/lib/shipped-world';
import { localPlayConfig } from '../engine/local-season';
import { buildImpact } from '../hunt-config/commands/diff';
import { compareSides } from '../hunt-config/impact/report';
import { demandPerS, scaleToMachine, storyChange } from './scenario';

const SHIPPED = readFileSync(SHIPPED_CONFIG_FILE, 'utf8');
const STORY = storyChange(SHIPPED);
const parse = (text: string) => parseConfig(text, 'test.toml');
const withoutRelease = (text: string) => text.slice(0, text.indexOf('\n[release]\n') + 1);
/** `hunt-config diff <old> <new>` as the command builds it (both seasons sampled). */
const diff = (oldText: string, newText: string) =>
  buildImpact({
    old: { bytes: Buffer.from(oldText), label: 'old.toml' },
    next: { bytes: Buffer.from(newText), label: 'new.toml' },
  });
/** The lines of `b` that differ from `a`'s (same number of lines), as `a -> b`. */
const changedLines = (a: string, b: string) => {
  const [la, lb] = [a.trimEnd().split('\n'), b.trimEnd().split('\n')];
  assert.equal(lb.length, la.length, 'a line was added or removed');
  return la.flatMap((l, i) => (l === lb[i] ? [] : [`${l} -> ${lb[i]}`]));
};
const MACHINE = { densityFactor: 0.37, capPerS: 420, busPerS: 530 };

describe('game day scenario', () => {
  test('storyChange: density x3, decay 3 s, version + 1; every other line, comments too, as it was', () => {
    assert.deepEqual(changedLines(SHIPPED, withoutRelease(STORY)), [
      'version = 3 -> version = 4',
      'base_density_per_km2_s = 1.5 -> base_density_per_km2_s = 4.5',
      'decay_s = 8 -> decay_s = 3',
    ]);
    const story = parse(STORY);
    assert.deepEqual(
      story.release?.acknowledge.map(({ key, from, to }) => ({ key, from, to })),
      [
        { key: 'spawn.base_density_per_km2_s', from: 1.5, to: 4.5 },
        { key: 'multiplier.decay_s', from: 8, to: 3 },
      ],
    );
  });

  test('storyChange passes the guardrails of hunt-config diff only thanks to its acknowledgements', () => {
    const report = diff(SHIPPED, STORY);
    assert.deepEqual([...new Set(report.violations.map((v) => v.rule))].sort(), [
      'bus-capacity',
      'decay-speed',
      'rate-growth',
    ]);
    assert.ok(
      report.violations.every((v) => v.acknowledged),
      report.violations.map((v) => v.message).join('\n'),
    );
    // The same change without [release] (an acknowledgement moves no rate: the sides' profiles hold).
    const bare = { ...report.next, config: parse(withoutRelease(STORY)) };
    const blocked = compareSides(report.base, bare).violations;
    assert.equal(blocked.length, report.violations.length);
    assert.ok(blocked.every((v) => !v.acknowledged));
  });

  test('scaleToMachine: density x factor, cap and bus set, nothing else; a bus left at its default is written', () => {
    const scaled = scaleToMachine(SHIPPED, MACHINE);
    assert.deepEqual(changedLines(SHIPPED, scaled), [
      `base_density_per_km2_s = 1.5 -> base_density_per_km2_s = ${1.5 * 0.37}`,
      'throttle_cap_per_s = 1600 -> throttle_cap_per_s = 420',
      'bus_events_per_s = 2000 -> bus_events_per_s = 530',
    ]);
    const busLine = /^bus_events_per_s = 2000\n/m;
    assert.match(SHIPPED, busLine);
    assert.equal(parse(scaleToMachine(SHIPPED.replace(busLine, ''), MACHINE)).limits.bus_events_per_s, 530);
    assert.throws(() => scaleToMachine(SHIPPED, { ...MACHINE, capPerS: 12.5 }), ConfigError);
  });

  test('composes with localPlayConfig: the season shifted to now, scaled on both sides, the pair still passes diff', () => {
    const nowMs = Date.parse('2026-06-01T09:14:00Z'); // before the shipped season: it is shifted
    const dir = mkdtempSync(join(tmpdir(), 'gameday-scenario-'));
    const write = (name: string, text: string) => (writeFileSync(join(dir, name), text), join(dir, name));
    const played = localPlayConfig(write('shipped.toml', SHIPPED), nowMs);
    assert.ok(played.shifted);
    const fromText = readFileSync(played.file, 'utf8');
    const from = scaleToMachine(fromText, MACHINE);
    const to = scaleToMachine(storyChange(fromText), MACHINE);

    const report = diff(from, to);
    assert.ok(
      report.violations.length > 0 && report.violations.every((v) => v.acknowledged),
      JSON.stringify(report.violations),
    );
    assert.ok(!report.violations.some((v) => v.rule === 'limits-changed'));
    const ack = parse(to).release!.acknowledge.find((a) => a.key === 'spawn.base_density_per_km2_s');
    assert.deepEqual([ack?.from, ack?.to], [1.5 * 0.37, 4.5 * 0.37]);

    // What the curves ask now: the season's first minutes, scaled, and x3 after the change.
    const close = (a: number, b: number) => assert.ok(Math.abs(a - b) <= 1e-9 * b, `${a} vs ${b}`);
    const asked = demandPerS(parse(fromText), nowMs);
    assert.ok(asked > 0 && demandPerS(parse(SHIPPED), nowMs) === 0, 'the unshifted season is closed now');
    close(demandPerS(parse(from), nowMs), 0.37 * asked);
    close(demandPerS(parse(to), nowMs), 3 * 0.37 * asked);

    // The other order: the story's file shifted keeps its change and its [release].
    const story = parse(readFileSync(localPlayConfig(write('story.toml', STORY), nowMs).file, 'utf8'));
    assert.deepEqual(
      [story.version, story.season.starts_at, story.release],
      [4, parse(fromText).season.starts_at, parse(STORY).release],
    );
  });
});
