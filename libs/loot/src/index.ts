export { lootService } from './loot-composition';
export { MIN_ROLL_SECRET_BYTES } from './loot-roller';
export { claimRulesFrom } from './rules';
