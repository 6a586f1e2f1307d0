import { SHARED_ERRORS, type HuntErrorSpec } from '@hunt/contracts';
import type { ClaimRejection } from '@hunt/loot-core';

export type LootErrorSpec = HuntErrorSpec;

/**
 * The loot-service error registry: every outcome a client can see besides success. It is the
 * shared registry in libs/contracts (the hunt API maps the same codes to HTTP); this module
 * only checks that it covers every claim rejection. Each code is documented in
 * libs/contracts/proto/loot/v1/loot.proto (a test checks it). No 5xx-class code leaks
 * internals: UNAVAILABLE says only that a retry is safe.
 */
export const LOOT_ERRORS = SHARED_ERRORS satisfies Record<ClaimRejection | 'invalid' | 'unavailable', LootErrorSpec>;

export type LootErrorKind = keyof typeof LOOT_ERRORS;
