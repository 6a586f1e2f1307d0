import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { APPS } from './apps';
import { parseTag, REPO_ROOT } from './identity';
import { renderKustomization, rendererVersion, type K8sObject } from './kustomize';
import { ENVIRONMENTS, readOverlayImages, VERSION_LABEL } from './overlay-images';
import { readReleaseLog } from './release-log';

interface Container {
  name: string;
  image: string;
  ports: { name: string; containerPort: number }[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  envFrom?: { configMapRef?: { name: string } }[];
  readinessProbe?: { httpGet?: { path: string; port: string } };
  livenessProbe?: { httpGet?: { path: string; port: string } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean };
}
interface PodSpec {
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
  containers: Container[];
}
interface DeploymentSpec {
  replicas?: number;
  selector: { matchLabels: Record<string, string> };
  strategy: { type: string; rollingUpdate?: { maxUnavailable?: number | string } };
  template: { metadata: { labels: Record<string, string> }; spec: PodSpec };
}

/** Validates an object against the Kubernetes OpenAPI schemas bundled in kubernetes-models. */
async function validateSchema(obj: K8sObject): Promise<void> {
  const mod = (await import(`kubernetes-models/${obj.apiVersion}/${obj.kind}`)) as Record<
    string,
    new (o: unknown) => { validate(): void }
  >;
  new mod[obj.kind]!(obj).validate();
}

const selects = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

interface PdbSpec {
  selector: { matchLabels: Record<string, string> };
  minAvailable?: number | string;
  maxUnavailable?: number | string;
}

/**
 * Pods of `replicas` that a PodDisruptionBudget keeps running through voluntary disruptions
 * (node drains, evictions). Percentages round up, as the disruption controller rounds them;
 * a budget with neither field (or both, which the API refuses) protects nothing.
 */
function podsKept(pdb: Pick<PdbSpec, 'minAvailable' | 'maxUnavailable'>, replicas: number): number {
  const scaled = (v: number | string) =>
    typeof v === 'number' ? v : Math.ceil((Number(/^(\d+)%$/.exec(v)?.[1] ?? NaN) * replicas) / 100);
  const { minAvailable, maxUnavailable } = pdb;
  if ((minAvailable === undefined) === (maxUnavailable === undefined)) return 0;
  const kept = minAvailable !== undefined ? scaled(minAvailable) : replicas - scaled(maxUnavailable!);
  return Number.isNaN(kept) ? 0 : Math.min(Math.max(kept, 0), replicas);
}

describe('podsKept: the PodDisruptionBudget check below', () => {
  test('refuses budgets that let every pod go', () => {
    for (const pdb of [
      { minAvailable: 0 },
      { minAvailable: '0%' },
      { maxUnavailable: 2 },
      { maxUnavailable: '100%' },
      {},
    ])
      assert.equal(podsKept(pdb, 2), 0, JSON.stringify(pdb));
  });

  test('accepts budgets that keep a pod', () => {
    assert.equal(podsKept({ minAvailable: 1 }, 2), 1);
    assert.equal(podsKept({ maxUnavailable: 1 }, 2), 1);
    assert.equal(podsKept({ minAvailable: '50%' }, 3), 2);
    assert.equal(podsKept({ maxUnavailable: '25%' }, 4), 3);
  });
});

for (const env of ENVIRONMENTS) {
  describe(`deploy/k8s/overlays/${env}`, () => {
    let objects: K8sObject[] = [];
    const byKind = (kind: string) => objects.filter((o) => o.kind === kind);
    const named = (kind: string, name: string) => {
      const found = byKind(kind).find((o) => o.metadata.name === name);
      assert.ok(found, `${kind}/${name} missing`);
      return found;
    };

    before(() => {
      objects = renderKustomization(join(REPO_ROOT, 'deploy/k8s/overlays', env));
      console.error(`rendered ${env} with ${rendererVersion()}`);
    });

    test('every object is valid against the Kubernetes schemas and namespaced', async () => {
      assert.ok(objects.length >= 11, `only ${objects.length} objects`);
      for (const obj of objects) {
        // Strimzi's KafkaTopics have no schema here: kafka-topics.int.ts checks them field by field.
        if (!obj.apiVersion.startsWith('kafka.strimzi.io/')) await validateSchema(obj);
        assert.equal(obj.metadata.namespace, `hunt-${env}`, `${obj.kind}/${obj.metadata.name}`);
      }
    });

    test('every object, and every pod, carries the recommended labels of its app and release', () => {
      const tag = readOverlayImages(REPO_ROOT, env)[0]!.newTag;
      const apps = APPS.map((a) => a.name as string);
      const pods = byKind('Deployment').map((d) => ({
        ...d,
        kind: 'Pod template',
        metadata: { ...d.metadata, ...(d.spec as unknown as DeploymentSpec).template.metadata },
      }));
      for (const obj of [...objects, ...pods]) {
        const where = `${obj.kind}/${obj.metadata.name}`;
        const labels = obj.metadata.labels ?? {};
        assert.equal(labels['app.kubernetes.io/part-of'], 'treasure-hunt', where);
        assert.equal(labels['app.kubernetes.io/managed-by'], 'kustomize', where);
        assert.equal(labels[VERSION_LABEL], tag, `${where}: the version is the release's image tag`);
        // An app's own objects are named after it; shared ones (ConfigMap, topics) after the whole.
        const owner = apps.includes(obj.metadata.name) ? obj.metadata.name : 'treasure-hunt';
        assert.equal(labels['app.kubernetes.io/name'], owner, where);
      }
      // None reached a selector: a Deployment's is immutable, and a version in a Service's
      // would drop the old pods from it mid-rollout.
      for (const name of apps) {
        const only = { 'app.kubernetes.io/name': name };
        assert.deepEqual((named('Deployment', name).spec as unknown as DeploymentSpec).selector.matchLabels, only);
        assert.deepEqual((named('Service', name).spec as { selector: Record<string, string> }).selector, only);
      }
    });

    for (const { name, httpPort, grpcPort } of APPS) {
      test(`${name}: probes, resources, non-root, read-only root, capacity-keeping rollout`, () => {
        const spec = named('Deployment', name).spec as unknown as DeploymentSpec;
        const pod = spec.template.spec;
        const [c] = pod.containers;
        assert.ok(c && pod.containers.length === 1);
        assert.deepEqual(c.readinessProbe?.httpGet, { path: '/readyz', port: 'http' });
        assert.deepEqual(c.livenessProbe?.httpGet, { path: '/healthz', port: 'http' });
        assert.deepEqual(
          c.ports.map((p) => [p.name, p.containerPort]),
          [
            ['http', httpPort],
            ['grpc', grpcPort],
          ],
        );
        const envValue = (n: string) => c.env?.find((e) => e.name === n)?.value;
        assert.deepEqual([envValue('HTTP_PORT'), envValue('GRPC_PORT')], [String(httpPort), String(grpcPort)]);
        for (const kind of ['requests', 'limits'] as const) {
          assert.ok(c.resources?.[kind]?.cpu && c.resources[kind].memory, `${kind} cpu and memory`);
        }
        assert.equal(pod.securityContext?.runAsNonRoot, true);
        assert.ok((pod.securityContext?.runAsUser ?? 0) > 0);
        assert.equal(c.securityContext?.readOnlyRootFilesystem, true);
        assert.equal(c.securityContext?.allowPrivilegeEscalation, false);
        assert.equal(spec.strategy.type, 'RollingUpdate');
        assert.equal(spec.strategy.rollingUpdate?.maxUnavailable, 0);
        assert.ok(selects(spec.selector.matchLabels, spec.template.metadata.labels));
      });

      test(`${name}: REDIS_URL from the Secret, KAFKA_BROKERS from the generated ConfigMap`, () => {
        const c = (named('Deployment', name).spec as unknown as DeploymentSpec).template.spec.containers[0]!;
        assert.deepEqual(c.env?.find((e) => e.name === 'REDIS_URL')?.valueFrom?.secretKeyRef, {
          name: 'hunt-secrets',
          key: 'REDIS_URL',
        });
        const cmName = c.envFrom?.[0]?.configMapRef?.name ?? '';
        const cm = named('ConfigMap', cmName);
        assert.match(cmName, /^hunt-infra-[a-z0-9]+$/, 'a hashed name rolls pods when a value changes');
        assert.ok((cm.data as Record<string, string>).KAFKA_BROKERS, 'KAFKA_BROKERS');
      });

      test(`${name}: a Service and a PodDisruptionBudget select its pods; the budget keeps one running`, () => {
        const labels = (named('Deployment', name).spec as unknown as DeploymentSpec).template.metadata.labels;
        const svc = named('Service', name).spec as { selector: Record<string, string> };
        assert.ok(selects(svc.selector, labels));
        const pdb = named('PodDisruptionBudget', name).spec as unknown as PdbSpec;
        assert.ok(selects(pdb.selector.matchLabels, labels));
        // Fewest pods the app runs: its HPA's floor when one scales it, else its replica count.
        const hpa = byKind('HorizontalPodAutoscaler').find(
          (h) => (h.spec as { scaleTargetRef: { name: string } }).scaleTargetRef.name === name,
        );
        const replicas =
          (hpa?.spec as { minReplicas?: number } | undefined)?.minReplicas ??
          (named('Deployment', name).spec as unknown as DeploymentSpec).replicas ??
          1;
        assert.ok(podsKept(pdb, replicas) >= 1, `PDB ${JSON.stringify(pdb)} lets all ${replicas} pods be evicted`);
      });
    }

    test('the loot-service and the hunt API read one LOOT_SERVICE_TOKEN from the Secret', () => {
      for (const name of ['loot-service', 'hunt-api']) {
        const c = (named('Deployment', name).spec as unknown as DeploymentSpec).template.spec.containers[0]!;
        const token = c.env?.find((e) => e.name === 'LOOT_SERVICE_TOKEN');
        assert.deepEqual(token?.valueFrom?.secretKeyRef, { name: 'hunt-secrets', key: 'LOOT_SERVICE_TOKEN' }, name);
      }
    });

    test("the hunt API verifies players' tokens against the identity provider's JWKS, never a shared secret", () => {
      const c = (named('Deployment', 'hunt-api').spec as unknown as DeploymentSpec).template.spec.containers[0]!;
      assert.equal(
        c.env?.find((e) => e.name === 'JWT_SECRET'),
        undefined,
        'JWT_SECRET (HS256) is for development only',
      );
      const cm = named('ConfigMap', c.envFrom?.[0]?.configMapRef?.name ?? '').data as Record<string, string>;
      assert.match(cm['JWKS_URL'] ?? '', /^https:\/\//);
      assert.ok(cm['JWT_ISSUER'] && cm['JWT_AUDIENCE'], 'issuer and audience are checked');
    });

    test('KAFKA_BROKERS lists as many brokers as the topics have replicas', () => {
      const cm = byKind('ConfigMap').find((m) => m.metadata?.name?.startsWith('hunt-infra'))!.data as Record<
        string,
        string
      >;
      const replicas = Math.max(...byKind('KafkaTopic').map((t) => (t.spec as { replicas: number }).replicas));
      assert.ok(
        cm['KAFKA_BROKERS']!.split(',').length >= replicas,
        `${cm['KAFKA_BROKERS']} for replication factor ${replicas}`,
      );
    });

    test('the hunt API scales with an HPA (and has no fixed replica count fighting it)', () => {
      const hpa = named('HorizontalPodAutoscaler', 'hunt-api').spec as {
        scaleTargetRef: { kind: string; name: string };
        minReplicas: number;
        maxReplicas: number;
      };
      assert.deepEqual(hpa.scaleTargetRef, { apiVersion: 'apps/v1', kind: 'Deployment', name: 'hunt-api' });
      assert.ok(hpa.minReplicas >= 2 && hpa.maxReplicas > hpa.minReplicas);
      assert.equal((named('Deployment', 'hunt-api').spec as unknown as DeploymentSpec).replicas, undefined);
    });

    test('every image is tagged cfg<version>-<sha> of one recorded release, the same for all apps', () => {
      const tags = byKind('Deployment').map((d) => {
        const image = (d.spec as unknown as DeploymentSpec).template.spec.containers[0]!.image;
        const [repo, tag] = image.split(':');
        assert.ok(repo?.endsWith(`/${d.metadata.name}`), image);
        assert.ok(tag && parseTag(tag), `${image}: tag is not cfg<version>-<sha>`);
        return tag;
      });
      assert.equal(new Set(tags).size, 1, `mixed config versions: ${tags.join(', ')}`);
      const { configVersion, gitSha } = parseTag(tags[0]!)!;
      const recorded = readReleaseLog(REPO_ROOT).releases.some(
        (r) => r.configVersion === configVersion && r.gitSha === gitSha,
      );
      assert.ok(recorded, `${tags[0]} is not in deploy/releases.json`);
    });
  });
}
