import { createInMemoryEventBus } from '../memory/memory-bus';
import { describeEventBusContract } from '../testing/contract';
import { describeConsumerLagContract } from '../testing/lag-contract';

describeEventBusContract('in-memory', async (opts) => createInMemoryEventBus(opts));
describeConsumerLagContract('in-memory', async (opts) => createInMemoryEventBus(opts), { partitions: 1 });
