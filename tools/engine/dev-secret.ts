/**
 * The JWT secret of local play when JWT_SECRET is not set: `npm start` and `npm run token`
 * share it so a minted token works against the local engine. The hunt API has no default (it
 * needs JWT_SECRET, or a JWKS_URL of an identity provider); never use this one outside a laptop.
 */
export const DEV_JWT_SECRET = 'local-engine-only-secret-never-in-production';

export const jwtSecretFrom = (env: NodeJS.ProcessEnv): string => env['JWT_SECRET'] || DEV_JWT_SECRET;

/** The loot roll key of local play when LOOT_ROLL_SECRET is not set; the app has no default. */
export const DEV_LOOT_ROLL_SECRET = 'local-engine-only-roll-secret-never-in-production';

export const rollSecretFrom = (env: NodeJS.ProcessEnv): string => env['LOOT_ROLL_SECRET'] || DEV_LOOT_ROLL_SECRET;

/** The loot-service token of local play when LOOT_SERVICE_TOKEN is not set; the apps have no default. */
export const DEV_LOOT_SERVICE_TOKEN = 'local-engine-only-service-token-never-in-production';

export const serviceTokenFrom = (env: NodeJS.ProcessEnv): string => env['LOOT_SERVICE_TOKEN'] || DEV_LOOT_SERVICE_TOKEN;
