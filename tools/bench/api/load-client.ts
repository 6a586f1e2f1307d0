/**
 * The load generator of `bench api`, run in its own process so it does not share the server's
 * event loop: autocannon with `connections` keep-alive connections against one target, each
 * request taking the next path, token and body from the spec's lists. Prints one JSON line.
 *
 *   node --import tsx load-client.ts <spec.json>
 */
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';

export interface LoadSpec {
  url: string;
  connections: number;
  durationS: number;
  /** Stop after this many requests (claims: one per prepared treasure). */
  amount?: number;
  method: 'GET' | 'POST';
  paths: string[];
  tokens: string[];
  body?: string;
}

const spec = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as LoadSpec;
let next = 0;
const result = await autocannon({
  url: spec.url,
  connections: spec.connections,
  ...(spec.amount ? { amount: spec.amount } : { duration: spec.durationS }),
  requests: [
    {
      method: spec.method,
      setupRequest: (req) => {
        const i = next++;
        const token = spec.tokens[i % Math.max(1, spec.tokens.length)];
        return {
          ...req,
          path: spec.paths[i % spec.paths.length],
          headers: {
            ...(token && { authorization: `Bearer ${token}` }),
            ...(spec.body && { 'content-type': 'application/json' }),
          },
          ...(spec.body && { body: spec.body }),
        };
      },
    },
  ],
});
process.stdout.write(
  `${JSON.stringify({
    rps: result.requests.total / result.duration,
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  })}\n`,
);
