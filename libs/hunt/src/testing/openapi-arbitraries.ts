import fc from 'fast-check';
import type { OpenAPIV3 } from 'openapi-types';

/** A dereferenced schema of the player API's document (OpenAPI 3.0). */
export type Schema = OpenAPIV3.SchemaObject;

/** The keywords these generators honour; any other one fails loudly rather than being ignored. */
const KEYWORDS = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'minimum',
  'maximum',
  'pattern',
  'description',
]);

function checked(schema: Schema): Schema {
  const unknown = Object.keys(schema).filter((k) => !KEYWORDS.has(k));
  if (unknown.length > 0) throw new Error(`no generator for schema keywords ${unknown.join(', ')}`);
  return schema;
}

/** A value the document allows for `schema` (request parameters and bodies). */
export function validValue(schema: Schema): fc.Arbitrary<unknown> {
  const s = checked(schema);
  switch (s.type) {
    case 'number':
      return fc.double({ min: s.minimum ?? -1e9, max: s.maximum ?? 1e9, noNaN: true });
    case 'integer':
      return fc.integer({ min: Math.max(s.minimum ?? -1e6, -1e6), max: Math.min(s.maximum ?? 1e6, 1e6) });
    case 'string':
      return s.pattern === undefined ? fc.string() : fc.stringMatching(new RegExp(s.pattern));
    case 'object': {
      const props = Object.entries(s.properties ?? {}) as [string, Schema][];
      const required = s.required ?? [];
      return fc.record(Object.fromEntries(props.map(([k, p]) => [k, validValue(p)])), { requiredKeys: required });
    }
    default:
      throw new Error(`no generator for type ${String(s.type)}`);
  }
}

/** Text that no client would send for a number: refused, never coerced. */
const notANumber = fc.constantFrom('', 'abc', '0x10', 'NaN', 'Infinity', '1,5', ' 1', '1e', '--1', '+');

/**
 * A value the document refuses for `schema`. `inText`: it travels as text (a query or path
 * parameter), so a wrong type is text that does not spell one.
 */
export function invalidValue(schema: Schema, inText: boolean): fc.Arbitrary<unknown> {
  const s = checked(schema);
  const wrongJson = fc.constantFrom<unknown>(null, true, [1], s.type === 'string' ? 12 : '12');
  const wrongType = inText ? notANumber : wrongJson;
  switch (s.type) {
    case 'number':
    case 'integer': {
      const outside: fc.Arbitrary<unknown>[] = [];
      if (s.maximum !== undefined) outside.push(fc.double({ min: s.maximum, max: s.maximum + 1e6, minExcluded: true }));
      if (s.minimum !== undefined) outside.push(fc.double({ min: s.minimum - 1e6, max: s.minimum, maxExcluded: true }));
      if (s.type === 'integer') {
        const [lo, hi] = [s.minimum ?? -100, s.maximum ?? 100];
        outside.push(fc.double({ min: lo, max: hi, noNaN: true }).filter((n) => !Number.isInteger(n)));
      }
      return fc.oneof(wrongType, ...outside);
    }
    case 'string': {
      if (s.pattern === undefined) {
        if (inText) throw new Error('no text is invalid for a string without a pattern');
        return wrongJson;
      }
      // URL-safe letters only, so a path parameter stays one path segment.
      const pattern = new RegExp(s.pattern);
      const text = fc.stringMatching(/^[A-Za-z0-9_~-]{1,40}$/).filter((v) => !pattern.test(v));
      return inText ? text : fc.oneof(text, wrongJson);
    }
    case 'object': {
      const props = Object.entries(s.properties ?? {}) as [string, Schema][];
      const valid = validValue(s) as fc.Arbitrary<Record<string, unknown>>;
      const mutations: fc.Arbitrary<unknown>[] = [wrongJson];
      for (const [key, prop] of props) {
        mutations.push(fc.tuple(valid, invalidValue(prop, false)).map(([v, bad]) => ({ ...v, [key]: bad })));
        if (s.required?.includes(key)) mutations.push(valid.map(({ [key]: _gone, ...rest }) => rest));
      }
      if (s.additionalProperties === false) mutations.push(valid.map((v) => ({ ...v, colour: 'red' })));
      return fc.oneof(...mutations);
    }
    default:
      throw new Error(`no generator for type ${String(s.type)}`);
  }
}
