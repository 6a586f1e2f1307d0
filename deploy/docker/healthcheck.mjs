/* global process, fetch, AbortSignal */
// Docker HEALTHCHECK: exit 0 when /healthz answers 200 on HTTP_PORT within 2 s, else 1.
// Liveness, as the Kubernetes livenessProbe: /readyz fails while Kafka is down, and replacing
// an "unhealthy" container (Swarm, autoheal) would not bring Kafka back.
// Plain node (the slim image has no curl); copied into the image beside main.js.
const port = process.env.HTTP_PORT ?? '8080';
try {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2000) });
  process.exit(res.status === 200 ? 0 : 1);
} catch {
  process.exit(1);
}
