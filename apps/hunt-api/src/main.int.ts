import { describeServiceConformance } from '@hunt/service-kit/testing';

describeServiceConformance('hunt-api', new URL('./main.ts', import.meta.url).pathname);
