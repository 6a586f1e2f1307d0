import { rollLoot, type LootRoll, type LootSeed, type LootTier } from '@hunt/loot-core';
import { createHash, createHmac } from 'node:crypto';

/** The shortest LOOT_ROLL_SECRET accepted: an HMAC-SHA256 key should carry at least 256 bits. */
export const MIN_ROLL_SECRET_BYTES = 32;

/** The loot roll keyed with this process's roll secret (LOOT_ROLL_SECRET). */
export interface LootRoller {
  /** First 8 hex digits of sha256(secret): names the secret in records and logs, never reveals it. */
  readonly keyId: string;
  /**
   * HMAC-SHA256 keyed with the secret's UTF-8 bytes over `<treasure id>:<config version>`; the
   * seed value is the digest's first 4 bytes, big-endian. Public inputs, secret key: players
   * see ids and versions but cannot compute the seed; operators can.
   */
  seed(treasureId: string, configVersion: number): LootSeed;
  /** rollLoot (libs/loot-core) with this treasure's keyed seed. */
  roll(
    tiers: Readonly<Record<string, LootTier>>,
    treasureId: string,
    tierName: string,
    configVersion: number,
  ): LootRoll;
}

/**
 * The loot roll as the loot-service runs it: the seed is computed here, at the edge, with
 * node:crypto, so libs/loot-core stays pure and takes the seed as a value. A roll replays from
 * (treasure id, config version, roll secret) and that version's config.
 * @throws Error when the secret is shorter than MIN_ROLL_SECRET_BYTES (the app's environment
 * schema refuses such a value before this is reached).
 */
export function createLootRoller(opts: { secret: string }): LootRoller {
  const { secret } = opts;
  if (Buffer.byteLength(secret, 'utf8') < MIN_ROLL_SECRET_BYTES) {
    throw new Error(`createLootRoller: the roll secret must be at least ${MIN_ROLL_SECRET_BYTES} bytes`);
  }
  const keyId = createHash('sha256').update(secret, 'utf8').digest('hex').slice(0, 8);
  const seed = (treasureId: string, configVersion: number): LootSeed => ({
    value: createHmac('sha256', secret).update(`${treasureId}:${configVersion}`, 'utf8').digest().readUInt32BE(0),
    keyId,
  });
  return {
    keyId,
    seed,
    roll: (tiers, treasureId, tierName, configVersion) =>
      rollLoot(tiers, seed(treasureId, configVersion), tierName, configVersion),
  };
}
