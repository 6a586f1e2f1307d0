import type { ClaimRules } from '@hunt/loot-core';
import type { HuntConfig } from '@hunt/config-schema';

/** The claim rules of a config: every knob from the TOML, nothing hard-coded. */
export function claimRulesFrom(config: HuntConfig): ClaimRules {
  return {
    radiusM: config.claim.radius_m,
    maxSpeedMps: config.claim.max_speed_mps,
    claimsPerMinute: config.rate_limits.claims_per_minute,
    multiplier: { step: config.multiplier.step, max: config.multiplier.max, decayS: config.multiplier.decay_s },
    seasonId: config.season.id,
  };
}
