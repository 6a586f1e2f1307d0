import { describeServiceConformance } from '@hunt/service-kit/testing';

describeServiceConformance('loot-service', new URL('./main.ts', import.meta.url).pathname);
