/**
 * The apps that ship as images and single binaries, with the ports their images expose.
 * Must agree with each app's env.ts defaults: the manifests and Dockerfile rely on them.
 */
export const APPS = [
  { name: 'hunt-api', httpPort: 8080, grpcPort: 50051 },
  { name: 'loot-service', httpPort: 8081, grpcPort: 50052 },
  { name: 'spawner', httpPort: 8082, grpcPort: 50053 },
] as const;

export type AppName = (typeof APPS)[number]['name'];

export function appSpec(name: string): (typeof APPS)[number] {
  const app = APPS.find((a) => a.name === name);
  if (!app) throw new Error(`unknown app '${name}'; expected one of ${APPS.map((a) => a.name).join(', ')}`);
  return app;
}
