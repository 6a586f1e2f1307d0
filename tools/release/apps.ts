import { SERVICE_LIST, type ServiceName } from '@hunt/service-kit';

/**
 * The apps that ship as images and single binaries, with the ports their images expose.
 * The same list each app's env.ts takes its default ports from (SERVICE_PORTS in service-kit).
 */
export const APPS = SERVICE_LIST;

export type AppName = ServiceName;

export function appSpec(name: string): (typeof APPS)[number] {
  const app = APPS.find((a) => a.name === name);
  if (!app) throw new Error(`unknown app '${name}'; expected one of ${APPS.map((a) => a.name).join(', ')}`);
  return app;
}
