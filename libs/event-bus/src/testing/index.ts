export { waitFor, uniqueName, requireInfraEnv } from './wait-for';
export { holdDelivery } from './held-delivery';
