import { describeServiceConformance } from '@hunt/service-kit/testing';

describeServiceConformance('spawner', new URL('./main.ts', import.meta.url).pathname);
