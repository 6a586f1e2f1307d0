export { lootService } from './loot-composition';
export { startLootService, LOOT_CONSUMER_GROUP, type LootService, type LootServiceDeps } from './loot-service';
export { claimRulesFrom } from './rules';
export { LOOT_ERRORS, type LootErrorKind, type LootErrorSpec } from './errors';
export { createClaimService, type ClaimResult, type ClaimService } from './claim-service';
export { startAwardRelay, type AwardRelay, type AwardRelayOptions } from './award-relay';
