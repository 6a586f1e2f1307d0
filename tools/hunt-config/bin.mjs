#!/usr/bin/env node
// `npx hunt-config`: the designers' toolkit. Loads the TypeScript sources through tsx so the
// CLI always runs the same schema code as the services.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
