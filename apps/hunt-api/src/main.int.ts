import { describeServiceConformance, testDeployment } from '@hunt/service-kit/testing';
import { after } from 'node:test';

const scope = testDeployment('test-hunt-api');

describeServiceConformance('hunt-api', new URL('./main.ts', import.meta.url).pathname, {
  ...scope.env,
  JWT_SECRET: 'conformance-secret-at-least-32-characters',
  // Nothing listens here: the API must still start and be ready (claims would answer 503).
  LOOT_GRPC_ADDRESS: '127.0.0.1:1',
  LOOT_SERVICE_TOKEN: 'conformance-service-token-at-least-32-bytes',
});

after(() => scope.cleanup());
