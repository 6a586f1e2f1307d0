import { z } from 'zod';

/** Building blocks of the config schema: every message names what was expected and what came. */

export const finite = (what: string) =>
  z
    .number({
      error: (i) =>
        typeof i.input === 'number'
          ? `${what} must be a finite number (nan and inf are not allowed)`
          : `${what} must be a number, got ${describe(i.input)}`,
    })
    .refine(Number.isFinite, { message: `${what} must be a finite number (nan and inf are not allowed)` });

export const positive = (what: string) =>
  finite(what).refine((n) => n > 0, {
    message: `${what} must be greater than 0`,
  });
export const nonNegative = (what: string) =>
  finite(what).refine((n) => n >= 0, { message: `${what} must be at least 0` });
export const atLeastOne = (what: string) =>
  finite(what).refine((n) => n >= 1, { message: `${what} must be at least 1` });
export const integer = (what: string, min: number, max = Number.MAX_SAFE_INTEGER) =>
  z
    .number({
      error: (i) => `${what} must be an integer, got ${describe(i.input)}`,
    })
    .int({ message: `${what} must be an integer` })
    .min(min, { message: `${what} must be at least ${min}` })
    .max(max, { message: `${what} must be at most ${max}` });

/** A TOML table; a missing or mistyped one is named as such rather than "expected object". */
export const table = <S extends z.core.$ZodLooseShape>(shape: S, name: string) =>
  z.strictObject(shape, {
    error: (i) =>
      i.input === undefined ? `missing table [${name}]` : `${name} must be a table, got ${describe(i.input)}`,
  });

/**
 * The slug rule of libs/contracts `slugSchema` (zone and season ids travel in claims and
 * events), spelled again here on purpose: this pure library may depend only on pure ones and
 * libs/contracts is not (it reads .proto files); config messages also name the value they got.
 */
export const slug = z
  .string({ error: (i) => `expected a string, got ${describe(i.input)}` })
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, {
    message: 'must be lowercase letters, digits and dashes (at most 63)',
  });

export const text = z
  .string({ error: (i) => `expected a string, got ${describe(i.input)}` })
  .min(1, { message: 'must not be empty' });

/** A UTC instant. TOML date-times arrive as Date objects; a local date-time (no offset) is refused. */
export const instant = z.preprocess(
  (v) => (v instanceof Date ? v.toISOString() : v),
  z.iso
    .datetime({
      offset: true,
      error: (i) =>
        i.input === undefined
          ? 'missing required key'
          : 'must be a date-time with Z or an offset, e.g. 2026-12-01T00:00:00Z',
    })
    .transform((s) => new Date(s).toISOString()),
);

/** How a wrong value is named in messages: `got string "7"`, `got nan`, `got a table`. */
export function describe(v: unknown): string {
  if (v === undefined) return 'nothing (the key is missing)';
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v).replace('Infinity', 'inf').replace('NaN', 'nan');
  if (v instanceof Date) return 'a date-time';
  if (Array.isArray(v)) return 'an array';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'a table';
  return `${typeof v} ${JSON.stringify(v)}`;
}
