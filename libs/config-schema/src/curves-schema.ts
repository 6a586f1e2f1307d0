import { z } from 'zod';
import { INTERPOLATIONS, parseDurationMinutes, parseTimeOfDay, WEEKDAYS } from './curve-math';
import { nonNegative, positive, slug } from './schema-primitives';

/**
 * The difficulty part of the TOML: curves over the season, recurring UTC windows and per-zone
 * modifiers. Each value is a factor on a base knob, so a file without curves plays exactly
 * like its base knobs. Cross-field invariants (keyframe order, season length, the per-minute
 * step ratio from [limits]) are checked in the top-level schema, which sees the season and limits.
 */

const duration = z
  .string({ error: 'expected a duration string such as "90m", "2d" or "1d12h"' })
  .refine((s) => parseDurationMinutes(s) !== undefined, {
    message: 'must be a duration such as "90m", "2d" or "1d12h" (days, hours, minutes)',
  });

export const keyframeSchema = z.strictObject({
  /** Offset from the season start. */
  at: duration,
  value: positive('value'),
  /** Allows the change into this keyframe to exceed [limits] max_step_ratio_per_minute. */
  jump: z.boolean({ error: 'jump must be true or false' }).default(false),
});

export const curveSchema = z.strictObject({
  interpolation: z.enum(INTERPOLATIONS, { error: `interpolation must be one of ${INTERPOLATIONS.join(', ')}` }),
  keyframes: z.array(keyframeSchema).min(1, { message: 'a curve needs at least one keyframe' }),
});

export const curvesSchema = z.strictObject({
  /** Factor on every zone's spawn rate. */
  spawn_rate: curveSchema.optional(),
  /** Factor on the points of every find. */
  loot_multiplier: curveSchema.optional(),
  /** Factor on [multiplier] decay_s. */
  multiplier_decay: curveSchema.optional(),
  /** Factor on a tier's weight, by tier name. */
  rarity: z.record(slug, curveSchema).optional(),
});

export const windowSchema = z.strictObject({
  name: slug,
  /** UTC weekdays on which the window opens; default every day. */
  days: z
    .array(z.enum(WEEKDAYS, { error: `days must be among ${WEEKDAYS.join(', ')}` }))
    .min(1, { message: 'days must name at least one weekday' })
    .optional(),
  /** Opening time, UTC, "HH:MM". */
  start: z.string({ error: 'expected a time such as "18:00"' }).refine((s) => parseTimeOfDay(s) !== undefined, {
    message: 'must be a UTC time of day "HH:MM", e.g. "18:00"',
  }),
  duration: duration.refine((s) => (parseDurationMinutes(s) ?? 0) >= 1 && (parseDurationMinutes(s) ?? 0) <= 7 * 1440, {
    message: 'duration must be between 1m and 7d',
  }),
  spawn_rate: positive('spawn_rate').default(1),
  loot_multiplier: positive('loot_multiplier').default(1),
});

export const zoneModifiersSchema = z.strictObject({
  spawn_rate: nonNegative('spawn_rate').default(1),
  loot_multiplier: positive('loot_multiplier').default(1),
  /** Factor on a tier's weight in this zone, by tier name. */
  rarity: z.record(slug, nonNegative('rarity factor')).default({}),
});

export type Curve = z.output<typeof curveSchema>;
export type Curves = z.output<typeof curvesSchema>;
export type SpawnWindow = z.output<typeof windowSchema>;
