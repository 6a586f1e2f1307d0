export { waitFor, uniqueName, requireInfraEnv, testRedisClusterUrl } from './wait-for';
export { holdDelivery } from './held-delivery';
