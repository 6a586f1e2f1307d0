import { describeCoordinationContract } from '../testing/coordination-contract';
import { createMemoryCoordination } from './memory-coordination';

describeCoordinationContract('in-memory', async () => createMemoryCoordination());
