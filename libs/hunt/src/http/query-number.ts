import { z } from 'zod';

/** A decimal number as clients write one (`12`, `-08.5`, `1e-7`): no blanks, hex, `Infinity` or `NaN`. */
const DECIMAL = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

/**
 * A query-string number checked by `schema` (its range, integrality): documented as that
 * number schema (the OpenAPI parameter is `type: number` with its bounds), parsed from the
 * query string's text. Text that is not a decimal number is refused, never coerced, so `''`
 * and `0x10` are 400s where `Number()` would have made them 0 and 16; every number the
 * document allows, in any decimal spelling, is accepted.
 */
export function queryNumber<T extends z.ZodNumber>(schema: T) {
  return z.preprocess((value, ctx) => {
    if (typeof value !== 'string') return value; // absent, or repeated (an array): the schema says why
    if (DECIMAL.test(value)) return Number(value);
    ctx.addIssue({ code: 'custom', message: 'must be a decimal number', input: value });
    return z.NEVER;
  }, schema);
}
