import type { K8sObject } from '../kustomize';

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }[];
}
interface PolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string };
}
interface PolicyPort {
  protocol?: string;
  port?: number | string;
  endPort?: number;
}
interface IngressRule {
  from?: PolicyPeer[];
  ports?: PolicyPort[];
}
interface PolicySpec {
  podSelector: LabelSelector;
  policyTypes?: string[];
  ingress?: IngressRule[];
  egress?: unknown[];
}

/** A pod that opens a connection: its labels and its namespace's labels. */
export interface Source {
  readonly namespaceLabels: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
}

/** A pod that receives one: where it runs, its labels and its container ports by name. */
export interface Destination {
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly ports: Readonly<Record<string, number>>;
}

/** Kubernetes label-selector semantics; an empty selector selects everything. */
export function selectorMatches(selector: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  return (
    byLabels &&
    (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
      const has = key in labels;
      if (operator === 'Exists') return has;
      if (operator === 'DoesNotExist') return !has;
      const found = has && values.includes(labels[key]!);
      return operator === 'In' ? found : !found;
    })
  );
}

function peerMatches(peer: PolicyPeer, policyNamespace: string, from: Source): boolean {
  // Counted as matching anyone: a CIDR cannot then hide a hole from a "denied" check.
  if (peer.ipBlock) return true;
  const inNamespace = peer.namespaceSelector
    ? selectorMatches(peer.namespaceSelector, from.namespaceLabels)
    : from.namespaceLabels['kubernetes.io/metadata.name'] === policyNamespace;
  return inNamespace && (!peer.podSelector || selectorMatches(peer.podSelector, from.labels));
}

function portMatches(p: PolicyPort, to: Destination, port: number): boolean {
  if ((p.protocol ?? 'TCP') !== 'TCP') return false;
  if (p.port === undefined) return true;
  const first = typeof p.port === 'number' ? p.port : to.ports[p.port];
  if (first === undefined) return false;
  return port >= first && port <= (p.endPort ?? first);
}

/**
 * Whether the NetworkPolicies among `objects` let `from` open a TCP connection to `port` of
 * `to`: a pod that no Ingress policy selects accepts everything; a selected one accepts what
 * at least one rule of a policy selecting it allows (absent `from`/`ports` mean any).
 */
export function ingressAllowed(objects: readonly K8sObject[], from: Source, to: Destination, port: number): boolean {
  const policies = objects
    .filter((o) => o.kind === 'NetworkPolicy' && o.metadata.namespace === to.namespace)
    .map((o) => o.spec as unknown as PolicySpec)
    .filter((s) => (s.policyTypes ?? ['Ingress']).includes('Ingress') && selectorMatches(s.podSelector, to.labels));
  if (policies.length === 0) return true;
  return policies.some((s) =>
    (s.ingress ?? []).some(
      (rule) =>
        (!rule.from?.length || rule.from.some((peer) => peerMatches(peer, to.namespace, from))) &&
        (!rule.ports?.length || rule.ports.some((p) => portMatches(p, to, port))),
    ),
  );
}
