import { seededRandom } from './seeded-random';

/** One row of a tier's loot table (the shape of `tiers.<name>.loot` in the config). */
export interface LootEntry {
  readonly item: string;
  readonly weight: number;
  readonly value: number;
}

export interface LootTier {
  readonly weight: number;
  readonly loot: readonly LootEntry[];
}

export interface LootRoll {
  readonly item: string;
  /** Base points of the item, before the combo multiplier. */
  readonly value: number;
  /** The tier whose table was rolled (differs from the spawn's tier after a fallback). */
  readonly tier: string;
  /** The config version whose table was rolled: with the treasure id it replays the roll. */
  readonly configVersion: number;
  /** True when the spawn's tier is unknown to this config and the fallback tier was used. */
  readonly fallback: boolean;
}

/**
 * Rolls a treasure's loot. Reproducible: the seed is `treasureId:configVersion`, so support can
 * replay any disputed roll from those two values and that version's config.
 *
 * Fallback (mixed versions during a rolling deploy): a tier this config does not know, i.e. one
 * added by a newer config, is rolled from this config's most common tier (highest weight; the
 * first such in table order on ties). The caller counts it; it is never an error.
 */
export function rollLoot(
  tiers: Readonly<Record<string, LootTier>>,
  treasureId: string,
  tierName: string,
  configVersion: number,
): LootRoll {
  const known = tiers[tierName];
  const tier = known ? tierName : mostCommonTier(tiers);
  const table = tiers[tier]!.loot;
  const total = table.reduce((sum, e) => sum + e.weight, 0);
  let ticket = seededRandom(`${treasureId}:${configVersion}`)() * total;
  let picked = table[table.length - 1]!;
  for (const entry of table) {
    if (ticket < entry.weight) {
      picked = entry;
      break;
    }
    ticket -= entry.weight;
  }
  return { item: picked.item, value: picked.value, tier, configVersion, fallback: !known };
}

function mostCommonTier(tiers: Readonly<Record<string, LootTier>>): string {
  const names = Object.keys(tiers);
  if (names.length === 0) throw new Error('rollLoot: the config has no tiers (the schema forbids this)');
  return names.reduce((best, name) => (tiers[name]!.weight > tiers[best]!.weight ? name : best));
}
