import type { AppName } from '../apps';

/** What each app needs beyond its deployment scope to start; test values only. */
export const TEST_APP_ENV: Record<AppName, Record<string, string>> = {
  'hunt-api': {
    JWT_SECRET: 'release-tests-jwt-secret-at-least-32-characters',
    // Nothing listens here: the API still starts and exports its metrics (claims would answer 503).
    LOOT_GRPC_ADDRESS: '127.0.0.1:1',
    LOOT_SERVICE_TOKEN: 'release-tests-service-token-at-least-32-bytes',
  },
  'loot-service': {
    LOOT_ROLL_SECRET: 'release-tests-roll-secret-at-least-32-bytes',
    LOOT_SERVICE_TOKEN: 'release-tests-service-token-at-least-32-bytes',
  },
  spawner: {},
};
