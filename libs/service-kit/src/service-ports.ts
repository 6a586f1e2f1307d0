/**
 * The default ports of every service: the one list that each app's env.ts, the embedded
 * engine, the images and the Kubernetes manifests' tests take them from.
 */
export const SERVICE_PORTS = {
  'hunt-api': { httpPort: 8080, grpcPort: 50051 },
  'loot-service': { httpPort: 8081, grpcPort: 50052 },
  spawner: { httpPort: 8082, grpcPort: 50053 },
} as const;

export type ServiceName = keyof typeof SERVICE_PORTS;

/** The services in a stable order with their default ports. */
export const SERVICE_LIST = (Object.keys(SERVICE_PORTS) as ServiceName[]).map((name) => ({
  name,
  ...SERVICE_PORTS[name],
}));
