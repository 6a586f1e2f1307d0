import { infraEnvShape, SERVICE_PORTS, serviceEnvSchema, withDeploymentScope } from '@hunt/service-kit';

/** Infra settings of the loot-service, from the environment (game balance comes only from the TOML). */
export const envSchema = withDeploymentScope(serviceEnvSchema(SERVICE_PORTS['loot-service']).extend(infraEnvShape));
