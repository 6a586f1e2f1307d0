import { parseConfig } from '@hunt/config-schema';
import { Ajv } from 'ajv';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parse as parseToml } from 'smol-toml';
import { REPO_ROOT } from '../paths';
import { renderJsonSchema } from './schema';

const REAL = readFileSync(join(REPO_ROOT, 'config/hunt.toml'), 'utf8');
/** The TOML as an editor's JSON Schema sees it: date-times are strings there. */
const asJson = (toml: string): unknown => JSON.parse(JSON.stringify(parseToml(toml)));
const validator = new Ajv({ strict: false, allErrors: true }).compile(JSON.parse(renderJsonSchema()) as object);

describe('the JSON Schema editors read', () => {
  test('accepts the shipped world (regions, polygons, densities) without a false error', () => {
    assert.ok(validator(asJson(REAL)), JSON.stringify(validator.errors, null, 2));
  });

  test('flags what the zod schema refuses: old keys, and a zone with both or neither shape', () => {
    const flagged = (edit: [string | RegExp, string]) => {
      const text = REAL.replace(edit[0], edit[1]);
      assert.notEqual(text, REAL, `${String(edit[0])} not in config/hunt.toml`);
      assert.throws(() => parseConfig(text, 'x.toml'), `zod accepts ${edit[1]}`);
      return !validator(asJson(text));
    };
    assert.ok(flagged(['base_density_per_km2_s = 1.5', 'base_rate_per_s = 0.3']), 'base_rate_per_s');
    assert.ok(flagged(['region = "berlin"\n', 'region = "berlin"\nweight = 1.0\n']), 'a zone weight');
    const box = /^bounds = \{ min_lat = 52\.5120, .*\}$/m;
    assert.ok(flagged([box, '']), 'a zone without a shape');
    const both = REAL.match(box)![0] + '\npolygon = [{ lat = 52.51, lng = 13.39 }]';
    assert.ok(flagged([box, both]), 'a zone with both shapes');
  });
});
