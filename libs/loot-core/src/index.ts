export { rollLoot, type LootRoll, type LootSeed, type LootTier } from './loot-roll';
export { currentMultiplier, INITIAL_MULTIPLIER } from './multiplier';
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
