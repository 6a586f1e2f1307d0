import { createInMemoryEventBus } from '../memory/memory-bus';
import { describeEventBusContract } from '../testing/contract';

describeEventBusContract('in-memory', async (opts) => createInMemoryEventBus(opts));
