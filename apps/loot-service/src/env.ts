import { MIN_SERVICE_TOKEN_BYTES } from '@hunt/contracts';
import { MIN_ROLL_SECRET_BYTES } from '@hunt/loot';
import { infraEnvShape, SERVICE_PORTS, secretEnv, serviceEnvSchema, withDeploymentScope } from '@hunt/service-kit';

/** Infra settings of the loot-service, from the environment (game balance comes only from the TOML). */
export const envSchema = withDeploymentScope(
  serviceEnvSchema(SERVICE_PORTS['loot-service']).extend({
    ...infraEnvShape,
    /**
     * Keys the loot roll (HMAC-SHA256), so players cannot compute loot from the public treasure
     * ids and config versions; operators replay rolls with it (deploy/README.md, "Rotating the
     * roll secret").
     */
    LOOT_ROLL_SECRET: secretEnv({ purpose: 'the loot roll key', minBytes: MIN_ROLL_SECRET_BYTES }),
    /**
     * The token every hunt.loot.v1 call must carry (`authorization: Bearer <token>`); the hunt
     * API is given the same. Guards the gRPC port where no NetworkPolicy does.
     */
    LOOT_SERVICE_TOKEN: secretEnv({
      purpose: 'the token hunt.loot.v1 callers send (the hunt API has the same)',
      minBytes: MIN_SERVICE_TOKEN_BYTES,
    }),
  }),
);
