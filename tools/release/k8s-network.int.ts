import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { APPS } from './apps';
import { REPO_ROOT } from './identity';
import { renderKustomization, type K8sObject } from './kustomize';
import { ENVIRONMENTS } from './overlay-images';
import {
  ingressAllowed,
  selectorMatches,
  type Destination,
  type LabelSelector,
  type Source,
} from './testing/network-reach';

interface PodTemplate {
  metadata: { labels: Record<string, string> };
  spec: {
    containers: { ports: { name: string; containerPort: number }[]; env?: { name: string; value?: string }[] }[];
  };
}
const template = (d: K8sObject) => (d.spec as { template: PodTemplate }).template;

const namespaceLabels = (name: string) => ({ 'kubernetes.io/metadata.name': name });
const INGRESS_NAMESPACE = 'ingress-nginx';
const MONITORING_NAMESPACE = 'monitoring';

/** Who tries to connect: every app, and pods that must get nothing they are not granted. */
function sources(env: string): Record<string, Source> {
  const own = namespaceLabels(`hunt-${env}`);
  const other = ENVIRONMENTS.find((e) => e !== env)!;
  return {
    ...Object.fromEntries(
      APPS.map(({ name }) => [name, { namespaceLabels: own, labels: { 'app.kubernetes.io/name': name } }]),
    ),
    'a debug pod in the namespace': { namespaceLabels: own, labels: { run: 'debug' } },
    [`hunt-api of hunt-${other}`]: {
      namespaceLabels: namespaceLabels(`hunt-${other}`),
      labels: { 'app.kubernetes.io/name': 'hunt-api' },
    },
    prometheus: {
      namespaceLabels: namespaceLabels(MONITORING_NAMESPACE),
      labels: { 'app.kubernetes.io/name': 'prometheus' },
    },
    'the ingress controller': {
      namespaceLabels: namespaceLabels(INGRESS_NAMESPACE),
      labels: { 'app.kubernetes.io/name': 'ingress-nginx' },
    },
    'a pod in default': { namespaceLabels: namespaceLabels('default'), labels: {} },
  };
}

/** The intended matrix: monitoring scrapes every ops (http) port, players reach the API, and loot's gRPC takes claims only from its own environment's hunt API. */
function expected(source: string, app: string, port: string): boolean {
  if (port === 'http') return source === 'prometheus' || (app === 'hunt-api' && source === 'the ingress controller');
  return app === 'loot-service' && port === 'grpc' && source === 'hunt-api';
}

/** Every (source, app, named port) whose reachability differs from `expected`. */
function reachProblems(objects: readonly K8sObject[], env: string): string[] {
  const problems: string[] = [];
  for (const d of objects.filter((o) => o.kind === 'Deployment')) {
    const { metadata, spec } = template(d);
    const ports = Object.fromEntries(spec.containers.flatMap((c) => c.ports.map((p) => [p.name, p.containerPort])));
    const to: Destination = { namespace: d.metadata.namespace!, labels: metadata.labels, ports };
    for (const [source, from] of Object.entries(sources(env))) {
      for (const [portName, port] of Object.entries(ports)) {
        const allowed = ingressAllowed(objects, from, to, port);
        if (allowed !== expected(source, d.metadata.name, portName)) {
          problems.push(`${source} ${allowed ? 'may' : 'may not'} reach ${d.metadata.name}:${portName}`);
        }
      }
    }
  }
  return problems;
}

const lootPolicy = (namespace: string, ingress: unknown[]): K8sObject => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'hole', namespace },
  spec: { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'loot-service' } }, ingress },
});

for (const env of ENVIRONMENTS) {
  describe(`deploy/k8s/overlays/${env}: NetworkPolicies`, () => {
    let objects: K8sObject[] = [];
    const deployments = () => objects.filter((o) => o.kind === 'Deployment');
    const policies = () => objects.filter((o) => o.kind === 'NetworkPolicy');

    before(() => {
      objects = renderKustomization(join(REPO_ROOT, 'deploy/k8s/overlays', env));
    });

    test("each app's policy selects its Deployment's pods and no other app's", () => {
      for (const { name } of APPS) {
        const policy = policies().find((p) => p.metadata.name === name);
        assert.ok(policy, `NetworkPolicy/${name} missing`);
        const selector = (policy.spec as { podSelector: LabelSelector }).podSelector;
        for (const d of deployments()) {
          const selects = selectorMatches(selector, template(d).metadata.labels);
          assert.equal(selects, d.metadata.name === name, `NetworkPolicy/${name} vs Deployment/${d.metadata.name}`);
        }
      }
    });

    test('every pod is isolated by a default deny, egress is left alone', () => {
      const deny = policies().find((p) => p.metadata.name === 'default-deny-ingress');
      assert.deepEqual(deny?.spec, { podSelector: {}, policyTypes: ['Ingress'] });
      for (const p of policies()) {
        assert.deepEqual((p.spec as { policyTypes: string[] }).policyTypes, ['Ingress'], p.metadata.name);
      }
    });

    test('who reaches which port is exactly the intended matrix', () => {
      assert.deepEqual(reachProblems(objects, env), []);
    });

    test('the matrix check fails on a policy that opens loot-service gRPC wider', () => {
      const holes = {
        'to everyone': [{ ports: [{ port: 'grpc' }] }],
        'to every namespace': [{ from: [{ namespaceSelector: {} }], ports: [{ port: 50052 }] }],
        'to any CIDR': [{ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }],
        'to every pod of the namespace': [{ from: [{ podSelector: {} }], ports: [{ port: 50000, endPort: 50100 }] }],
      };
      for (const [hole, ingress] of Object.entries(holes)) {
        const problems = reachProblems([...objects, lootPolicy(`hunt-${env}`, ingress)], env);
        assert.ok(
          problems.some((p) => p.endsWith(' may reach loot-service:grpc')),
          `not caught: ${hole}`,
        );
      }
      const withoutPolicies = objects.filter((o) => o.kind !== 'NetworkPolicy');
      assert.ok(reachProblems(withoutPolicies, env).includes('a pod in default may reach loot-service:grpc'));
    });

    test("the hunt API calls loot-service through its Service's gRPC port", () => {
      const hunt = deployments().find((d) => d.metadata.name === 'hunt-api')!;
      const address = template(hunt).spec.containers[0]!.env?.find((e) => e.name === 'LOOT_GRPC_ADDRESS')?.value;
      const svc = objects.find((o) => o.kind === 'Service' && o.metadata.name === 'loot-service');
      const grpc = (svc?.spec as { ports: { name: string; port: number }[] }).ports.find((p) => p.name === 'grpc');
      assert.equal(address, `loot-service:${grpc?.port}`);
    });
  });
}
