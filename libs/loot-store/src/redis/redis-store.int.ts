import { requireInfraEnv, uniqueName } from '@hunt/event-bus/testing';
import { after } from 'node:test';
import { deleteRedisKeys } from '@hunt/redis-connection/testing';
import { describeTreasureStoreContract } from '../testing/contract';
import { TEST_CONFIG_VERSION } from '../testing/fixtures';
import { createRedisTreasureStore } from './redis-store';

const { redisUrl } = requireInfraEnv();
const prefix = uniqueName('test-store');

describeTreasureStoreContract('redis', (rules) =>
  createRedisTreasureStore({ url: redisUrl, keyPrefix: prefix, rules, configVersion: TEST_CONFIG_VERSION }),
);

after(() => deleteRedisKeys(redisUrl, prefix));
