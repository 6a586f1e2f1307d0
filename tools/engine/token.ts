/**
 * `npm run -s token -- <player-id> [--ttl <seconds>]`: prints a bearer token for the hunt API,
 * signed with JWT_SECRET (or the local engine's development secret when it is unset).
 *
 *   curl -H "authorization: Bearer $(npm run -s token -- ada)" 'http://127.0.0.1:8080/v1/treasures?lat=52.52&lng=13.40'
 */
import { mintToken } from '@hunt/hunt';
import { parseArgs } from 'node:util';
import { jwtSecretFrom } from './dev-secret';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { ttl: { type: 'string', default: '86400' }, help: { type: 'boolean', short: 'h' } },
});
const ttlS = Number(values.ttl);
if (values.help || positionals.length !== 1 || !Number.isInteger(ttlS) || ttlS <= 0) {
  console.error('usage: npm run -s token -- <player-id> [--ttl <seconds, default 86400>]\nEnv: JWT_SECRET');
  process.exit(values.help ? 0 : 2);
}
process.stdout.write(
  `${mintToken({ secret: jwtSecretFrom(process.env), playerId: positionals[0]!, nowS: Math.floor(Date.now() / 1000), ttlS })}\n`,
);
