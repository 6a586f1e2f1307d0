export { waitFor, uniqueName, requireInfraEnv } from './wait-for';
