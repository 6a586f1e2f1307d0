import { describeServiceConformance, testDeployment } from '@hunt/service-kit/testing';
import { after } from 'node:test';

const scope = testDeployment('test-loot-service');

describeServiceConformance('loot-service', new URL('./main.ts', import.meta.url).pathname, {
  ...scope.env,
  LOOT_ROLL_SECRET: 'conformance-roll-secret-at-least-32-bytes',
});

after(() => scope.cleanup());
