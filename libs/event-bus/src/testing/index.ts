export { describeEventBusContract, type BusFactoryOptions } from './contract';
export { waitFor, uniqueName, requireInfraEnv } from './wait-for';
