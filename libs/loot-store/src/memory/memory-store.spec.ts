import { describeTreasureStoreContract } from '../testing/contract';
import { createInMemoryTreasureStore } from './memory-store';

describeTreasureStoreContract('in-memory', async (rules) => createInMemoryTreasureStore(rules));
