import { after } from 'node:test';
import { uniqueName } from '@hunt/event-bus/testing';
import { deleteRedisKeys, redisTestTargets } from '@hunt/redis-connection/testing';
import { describeTreasureStoreContract } from '../testing/contract';
import { TEST_CONFIG_VERSION } from '../testing/fixtures';
import { createRedisTreasureStore } from './redis-store';

// One server runs the one-step claim, the cluster the slot-by-slot claim (cluster-claim.ts).
for (const { name, url } of redisTestTargets()) {
  const prefix = uniqueName('test-store');
  describeTreasureStoreContract(name, (rules) =>
    createRedisTreasureStore({ url, keyPrefix: prefix, rules, configVersion: TEST_CONFIG_VERSION }),
  );
  after(() => deleteRedisKeys(url, prefix));
}
