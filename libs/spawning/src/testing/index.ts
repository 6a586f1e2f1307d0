export { spawnerTestConfig } from './spawner-harness';
