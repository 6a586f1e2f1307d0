import { describeTreasureStoreContract } from '../testing/contract';
import { TEST_CONFIG_VERSION } from '../testing/fixtures';
import { createInMemoryTreasureStore } from './memory-store';

describeTreasureStoreContract('in-memory', async (rules) =>
  createInMemoryTreasureStore(rules, { configVersion: TEST_CONFIG_VERSION }),
);
