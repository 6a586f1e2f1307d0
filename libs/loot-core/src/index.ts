export { hashSeed, seededRandom } from './seeded-random';
export { rollLoot, type LootEntry, type LootTier, type LootRoll } from './loot-roll';
export {
  currentMultiplier,
  scoreFind,
  INITIAL_MULTIPLIER,
  type MultiplierRules,
  type MultiplierState,
  type FindResult,
} from './multiplier';
export { distanceM, isImplausibleMove, EARTH_RADIUS_M } from './geo';
export {
  decideClaim,
  rateWindow,
  type ActiveTreasure,
  type Award,
  type ClaimCommand,
  type ClaimOutcome,
  type ClaimRejection,
  type ClaimRules,
  type PlayerClaimState,
  type StoredTreasure,
} from './claim';
