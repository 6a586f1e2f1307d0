import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { LOOT_AWARDED_TOPIC, TREASURE_SPAWNED_TOPIC } from '@hunt/contracts';
import { dlqTopic } from '@hunt/event-bus';
import { loadConfigFile } from '@hunt/static-config';
import { REPO_ROOT } from './identity';
import { renderKustomization, type K8sObject } from './kustomize';
import { ENVIRONMENTS } from './overlay-images';

interface KafkaTopicSpec {
  topicName: string;
  partitions: number;
  replicas: number;
  config: Record<string, string | number | boolean>;
}

const SPEC_FIELDS = new Set(['topicName', 'partitions', 'replicas', 'config']);
const DNS_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const KAFKA_TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;
const isInt = (v: unknown, min: number, max = Number.MAX_SAFE_INTEGER) =>
  Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

/**
 * What the Strimzi Topic Operator needs of a kafka.strimzi.io/v1beta2 KafkaTopic (its CRD
 * schema, which kubernetes-models does not bundle), plus the settings every topic here must
 * have. Returns every problem found, empty when none.
 */
function kafkaTopicProblems(obj: K8sObject): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => ok || problems.push(problem);
  check(obj.apiVersion === 'kafka.strimzi.io/v1beta2', `apiVersion ${obj.apiVersion}`);
  check(obj.kind === 'KafkaTopic', `kind ${obj.kind}`);
  check(DNS_SUBDOMAIN.test(obj.metadata.name ?? ''), `metadata.name '${obj.metadata.name}' is not a DNS subdomain`);
  check(!!obj.metadata.labels?.['strimzi.io/cluster'], 'no strimzi.io/cluster label: no operator would take it');
  const spec = (obj.spec ?? {}) as Partial<KafkaTopicSpec>;
  for (const field of Object.keys(spec)) check(SPEC_FIELDS.has(field), `unknown field spec.${field}`);
  check(KAFKA_TOPIC_NAME.test(spec.topicName ?? ''), `spec.topicName '${spec.topicName}' is not a Kafka topic name`);
  check(isInt(spec.partitions, 1), `spec.partitions ${spec.partitions}`);
  check(spec.replicas === 3, `spec.replicas ${spec.replicas}, want 3`);
  const config = spec.config ?? {};
  for (const [key, value] of Object.entries(config)) {
    check(['string', 'number', 'boolean'].includes(typeof value), `spec.config.${key} is a ${typeof value}`);
  }
  check(config['min.insync.replicas'] === 2, `min.insync.replicas ${config['min.insync.replicas']}, want 2`);
  check(isInt(config['retention.ms'], 1), `retention.ms ${config['retention.ms']}: want a positive integer`);
  return problems;
}

const TTL_S = loadConfigFile(join(REPO_ROOT, 'config/hunt.toml')).config.spawn.treasure_ttl_s;
const EVENT_TOPICS = [TREASURE_SPAWNED_TOPIC, LOOT_AWARDED_TOPIC];

describe('kafkaTopicProblems: the KafkaTopic check below', () => {
  const valid: K8sObject = {
    apiVersion: 'kafka.strimzi.io/v1beta2',
    kind: 'KafkaTopic',
    metadata: { name: 'a.b-c', labels: { 'strimzi.io/cluster': 'kafka' } },
    spec: { topicName: 'a.b-c', partitions: 3, replicas: 3, config: { 'min.insync.replicas': 2, 'retention.ms': 1 } },
  };
  const withSpec = (patch: Record<string, unknown>) => ({ ...valid, spec: { ...valid.spec, ...patch } });

  test('accepts a complete topic', () => assert.deepEqual(kafkaTopicProblems(valid), []));

  test('refuses each broken field, naming it', () => {
    for (const broken of [
      { ...valid, apiVersion: 'kafka.strimzi.io/v1' },
      { ...valid, metadata: { name: 'a.b-c' } },
      { ...valid, metadata: { ...valid.metadata, name: 'A_b' } },
      withSpec({ partition: 3 }),
      withSpec({ partitions: 0 }),
      withSpec({ replicas: '3' }),
      withSpec({ topicName: 'a b' }),
      withSpec({ config: { 'min.insync.replicas': 1, 'retention.ms': 1 } }),
      withSpec({ config: { 'min.insync.replicas': 2, 'retention.ms': '1h' } }),
      withSpec({ config: { 'min.insync.replicas': 2, 'retention.ms': 1, 'cleanup.policy': ['delete'] } }),
    ]) {
      assert.equal(kafkaTopicProblems(broken).length, 1, JSON.stringify(broken));
    }
  });
});

for (const env of ENVIRONMENTS) {
  describe(`deploy/k8s/overlays/${env}: Kafka topics`, () => {
    let declared: K8sObject[] = [];
    let topics = new Map<string, KafkaTopicSpec>();
    let lootReplicas = 0;

    before(() => {
      const objects = renderKustomization(join(REPO_ROOT, 'deploy/k8s/overlays', env));
      declared = objects.filter((o) => o.kind === 'KafkaTopic');
      topics = new Map(declared.map((t) => [(t.spec as unknown as KafkaTopicSpec).topicName, t.spec as never]));
      const loot = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'loot-service');
      lootReplicas = (loot?.spec as { replicas: number }).replicas;
    });

    test('every KafkaTopic is complete: operator label, partitions, replicas 3, min.insync.replicas 2, retention', () => {
      for (const t of declared) assert.deepEqual(kafkaTopicProblems(t), [], `KafkaTopic/${t.metadata.name}`);
    });

    test('declares each event topic and its dead-letter topic, nothing else', () => {
      const wanted = EVENT_TOPICS.flatMap((t) => [t, dlqTopic(t)]);
      assert.deepEqual([...topics.keys()].sort(), wanted.sort());
    });

    test(`event topics keep more than spawn.treasure_ttl_s (${TTL_S} s): a hunt-api replica replays them`, () => {
      for (const topic of EVENT_TOPICS) {
        const retentionMs = Number(topics.get(topic)!.config['retention.ms']);
        assert.ok(retentionMs > TTL_S * 1000, `${topic}: retention ${retentionMs} ms`);
      }
    });

    test('the spawn topic has a partition for every loot-service replica of its consumer group', () => {
      assert.ok(topics.get(TREASURE_SPAWNED_TOPIC)!.partitions >= lootReplicas, `${lootReplicas} replicas`);
    });
  });
}
