/**
 * Where Redis is, as one URL (REDIS_URL): `redis://host:port` or `rediss://...` for one server
 * (primary, optionally with replicas behind it), `redis-cluster://host:port,host:port,...` or
 * `rediss-cluster://...` for Redis Cluster, listing seed nodes (the client discovers the rest).
 * Credentials go in the user info of either form: `redis-cluster://user:secret@h1:p1,h2:p2`.
 */
export type RedisTarget =
  | { readonly kind: 'single'; readonly url: string }
  | {
      readonly kind: 'cluster';
      readonly nodes: readonly { readonly host: string; readonly port: number }[];
      readonly tls: boolean;
      readonly username?: string;
      readonly password?: string;
    };

const SINGLE = /^rediss?:\/\/./;
const CLUSTER = /^(rediss?)-cluster:\/\/(?:([^@/]*)@)?([^/?#]+)\/?$/;
const NODE = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/;

/** Parses REDIS_URL; throws an Error whose message says what is wrong with it. */
export function parseRedisTarget(url: string): RedisTarget {
  if (SINGLE.test(url)) return { kind: 'single', url };
  const m = CLUSTER.exec(url);
  if (!m) {
    throw new Error(
      'must be redis://host:port (one server) or redis-cluster://host:port,host:port (Redis Cluster seed nodes); rediss for TLS',
    );
  }
  const [, scheme, userInfo, hostList] = m;
  const nodes = hostList!.split(',').map((raw) => {
    const n = NODE.exec(raw.trim());
    const port = Number(n?.[2]);
    if (!n || port < 1 || port > 65535) throw new Error(`cluster node "${raw}" is not host:port`);
    return { host: n[1]!.replace(/^\[|\]$/g, ''), port };
  });
  const [user, secret] = userInfo === undefined ? [] : userInfo.split(':', 2).map(decodeURIComponent);
  return {
    kind: 'cluster',
    nodes,
    tls: scheme === 'rediss',
    ...(user ? { username: user } : {}),
    ...(secret ? { password: secret } : {}),
  };
}
