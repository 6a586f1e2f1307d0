/**
 * The JWT secret of local play when JWT_SECRET is not set: `npm start` and `npm run token`
 * share it so a minted token works against the local engine. The apps have no default (their
 * JWT_SECRET is required); never use this one outside a laptop.
 */
export const DEV_JWT_SECRET = 'local-engine-only-secret-never-in-production';

export const jwtSecretFrom = (env: NodeJS.ProcessEnv): string => env['JWT_SECRET'] || DEV_JWT_SECRET;
