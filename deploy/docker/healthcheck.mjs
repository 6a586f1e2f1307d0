/* global process, fetch, AbortSignal */
// Docker HEALTHCHECK: exit 0 when /readyz answers 200 on HTTP_PORT within 2 s, else 1.
// Plain node (the slim image has no curl); copied into the image beside main.js.
const port = process.env.HTTP_PORT ?? '8080';
try {
  const res = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(2000) });
  process.exit(res.status === 200 ? 0 : 1);
} catch {
  process.exit(1);
}
