import { describeServiceConformance, testDeployment } from '@hunt/service-kit/testing';
import { after } from 'node:test';

// Its own deployment scope: leases and ramp state under this prefix, spawns on its own topics.
const scope = testDeployment('test-spawner-app');

describeServiceConformance('spawner', new URL('./main.ts', import.meta.url).pathname, scope.env);

after(() => scope.cleanup());
