/** The combo multiplier knobs (`[multiplier]` in the config). */
export interface MultiplierRules {
  readonly step: number;
  readonly max: number;
  readonly decayS: number;
}

/** A player's multiplier as stored: its value right after the last find, and when that was. */
export interface MultiplierState {
  readonly value: number;
  readonly atMs: number;
}

export const INITIAL_MULTIPLIER: MultiplierState = { value: 1, atMs: 0 };

/**
 * The multiplier at `nowMs`: it decays linearly from its stored value back to 1 over `decayS`
 * seconds without a find. The Redis claim script computes the same formula in Lua with the same
 * operation order, so both adapters agree to the last bit (the store contract suite checks it).
 */
export function currentMultiplier(state: MultiplierState, nowMs: number, rules: MultiplierRules): number {
  const elapsed = Math.max(0, nowMs - state.atMs);
  const left = Math.max(0, 1 - elapsed / (rules.decayS * 1000));
  return 1 + (state.value - 1) * left;
}

export interface FindResult {
  /** The multiplier the find is scored with: the player's current one, before this find's step. */
  readonly applied: number;
  readonly points: number;
  readonly next: MultiplierState;
}

/** Scores a find: points = round(value x current multiplier); then the multiplier steps up, capped at max. */
export function scoreFind(state: MultiplierState, nowMs: number, value: number, rules: MultiplierRules): FindResult {
  const applied = currentMultiplier(state, nowMs, rules);
  return {
    applied,
    points: Math.floor(value * applied + 0.5),
    next: { value: Math.min(rules.max, applied + rules.step), atMs: nowMs },
  };
}
