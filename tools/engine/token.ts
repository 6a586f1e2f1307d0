/**
 * `npm run -s token -- <player-id> [--ttl <seconds>]`: prints a bearer token for the hunt API,
 * signed with JWT_SECRET (or the local engine's development secret when it is unset).
 *
 *   curl -H "authorization: Bearer $(npm run -s token -- ada)" 'http://127.0.0.1:8080/v1/treasures?lat=52.52&lng=13.40'
 */
import { mintToken } from '@hunt/hunt';
import { runCommand, UsageError } from '../cli/usage';
import { jwtSecretFrom } from './dev-secret';

const spec = {
  name: 'token',
  usage: ['npm run -s token -- <player-id> [--ttl <seconds>]'],
  description: `Prints an HS256 bearer token for the hunt API whose subject is <player-id>, e.g.
  curl -H "authorization: Bearer $(npm run -s token -- ada)" 'http://127.0.0.1:8080/v1/treasures?lat=52.52&lng=13.40'`,
  allowPositionals: true,
  options: {
    ttl: { type: 'string', default: '86400', value: '<seconds>', description: 'lifetime of the token' },
  },
  environment: {
    JWT_SECRET: "signing secret (default: the local engine's development secret, as `npm start` uses)",
  },
  exitCodes: { 0: 'printed the token', 1: 'an unexpected failure' },
} as const;

await runCommand(spec, ({ values, positionals }) => {
  const [playerId] = positionals;
  if (positionals.length !== 1) throw new UsageError(`expected one <player-id>, got ${positionals.length}`);
  if (!playerId) throw new UsageError('<player-id> must not be empty');
  const ttlS = Number(values.ttl);
  if (!Number.isInteger(ttlS) || ttlS <= 0) {
    throw new UsageError(`--ttl must be a positive integer of seconds, got '${values.ttl}'`);
  }
  const nowS = Math.floor(Date.now() / 1000);
  process.stdout.write(`${mintToken({ secret: jwtSecretFrom(process.env), playerId, nowS, ttlS })}\n`);
});
