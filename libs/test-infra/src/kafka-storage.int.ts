/**
 * Kafka's storage tool takes the ids we give it, even those that look like flags: a fresh
 * machine once drew an id starting with `-` and `infra up` failed (`--cluster-id/-t: expected
 * one argument`). Runs the real StorageTool from the jars tools/infra resolves.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { log4jConfig, serverProperties } from './kafka-config';
import { ensureJava, ensureKafkaJars } from './kafka-jars';
import { formatStorage, newClusterId } from './kafka-storage';
import { kafkaPaths, type KafkaPaths } from './paths';

const work = mkdtempSync(join(tmpdir(), 'kafka-storage-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** The broker's paths (same jars) with config and data in a folder of this test, config written. */
function scratchPaths(name: string): KafkaPaths {
  const dir = join(work, name);
  const broker = kafkaPaths();
  const p = {
    ...broker,
    dir,
    conf: join(dir, 'server.properties'),
    log4jConf: join(dir, basename(broker.log4jConf)),
    dataDir: join(dir, 'data'),
  };
  mkdirSync(dir, { recursive: true });
  writeFileSync(p.log4jConf, log4jConfig(p));
  writeFileSync(p.conf, serverProperties(p));
  return p;
}

describe('Kafka storage formatting', () => {
  test('new ids never start with "-", as Kafka Uuid.randomUuid guarantees', () => {
    // 0xF8 encodes to a leading "-" in base64url; the first two draws must be rejected.
    const draws = [Buffer.alloc(16, 0xf8), Buffer.alloc(16, 0xf9), Buffer.alloc(16, 0xfc)];
    let calls = 0;
    const id = newClusterId(() => draws[calls++]!);
    assert.equal(calls, 3);
    assert.ok(id.startsWith('_'), id);
    assert.equal(id.length, 22);
    for (let i = 0; i < 2000; i++) assert.ok(!newClusterId().startsWith('-'));
  });

  for (const [name, id] of [
    ['dash', `-${Buffer.alloc(16, 0x5a).toString('base64url').slice(1)}`],
    ['underscore', Buffer.alloc(16, 0xfc).toString('base64url')],
  ] as const) {
    test(`formats storage with a cluster id that begins with "${id[0]}"`, () => {
      const p = scratchPaths(name);
      ensureKafkaJars(p, (line) => process.stderr.write(`[infra] ${line}\n`));
      formatStorage(p, ensureJava(), id);
      const meta = readFileSync(join(p.dataDir, 'meta.properties'), 'utf8');
      assert.match(meta, new RegExp(`^cluster\\.id=${id.replace(/[-_]/g, '\\$&')}$`, 'm'));
    });
  }
});
