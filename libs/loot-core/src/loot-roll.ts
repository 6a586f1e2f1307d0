import { mulberry32 } from '@hunt/random';

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

/**
 * The seed of one treasure's roll, made at the edge from the roll secret (libs/loot
 * loot-roller.ts: HMAC-SHA256 over `treasureId:configVersion`). Never derive it from public
 * values alone: treasure ids and config versions are public, so an unkeyed seed lets a player
 * compute which treasures hold the best loot before claiming.
 */
export interface LootSeed {
  /** An unsigned 32-bit integer. */
  readonly value: number;
  /** Which roll secret made it: recorded on the roll, so an audit knows which secret replays it. */
  readonly keyId: string;
}

export interface LootRoll {
  readonly item: string;
  /** Base points of the item, before the combo multiplier. */
  readonly value: number;
  /** The tier whose table was rolled (differs from the spawn's tier after a fallback). */
  readonly tier: string;
  /** The config version whose table was rolled; part of the seed. */
  readonly configVersion: number;
  /**
   * The key id of the roll secret that seeded it (stored with the treasure). With the treasure
   * id, the config version and that secret the roll replays.
   */
  readonly rollKeyId: string;
  /** True when the spawn's tier is unknown to this config and the fallback tier was used. */
  readonly fallback: boolean;
}

/**
 * Rolls a treasure's loot from its seed: the same seed and table always give the same item, so
 * operators (who hold the roll secret) can replay any disputed roll; players, without the
 * secret, cannot compute the seed. The first mulberry32 draw of the seed picks by weight.
 *
 * Fallback (mixed versions during a rolling deploy): a tier this config does not know, i.e. one
 * added by a newer config, is rolled from this config's most common tier (highest weight; the
 * first such in table order on ties). The caller counts it; it is never an error.
 */
export function rollLoot(
  tiers: Readonly<Record<string, LootTier>>,
  seed: LootSeed,
  tierName: string,
  configVersion: number,
): LootRoll {
  const known = tiers[tierName];
  const tier = known ? tierName : mostCommonTier(tiers);
  const table = tiers[tier]!.loot;
  const total = table.reduce((sum, e) => sum + e.weight, 0);
  let ticket = mulberry32(seed.value)() * total;
  let picked = table[table.length - 1]!;
  for (const entry of table) {
    if (ticket < entry.weight) {
      picked = entry;
      break;
    }
    ticket -= entry.weight;
  }
  return {
    item: picked.item,
    value: picked.value,
    tier,
    configVersion,
    rollKeyId: seed.keyId,
    fallback: !known,
  };
}

function mostCommonTier(tiers: Readonly<Record<string, LootTier>>): string {
  const names = Object.keys(tiers);
  if (names.length === 0) throw new Error('rollLoot: the config has no tiers (the schema forbids this)');
  return names.reduce((best, name) => (tiers[name]!.weight > tiers[best]!.weight ? name : best));
}
