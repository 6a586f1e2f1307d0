import { infraEnvShape, SERVICE_PORTS, serviceEnvSchema, withDeploymentScope } from '@hunt/service-kit';
import { hostname } from 'node:os';
import { z } from 'zod';

/** Infra settings of the spawner, from the environment (game balance comes only from the TOML). */
export const envSchema = withDeploymentScope(
  serviceEnvSchema(SERVICE_PORTS.spawner).extend({
    ...infraEnvShape,
    /** This replica's identity in leases; unique per pod (the pod name is a good value). */
    SPAWNER_REPLICA_ID: z.string().min(1).default(`${hostname()}-${process.pid}`),
  }),
);
