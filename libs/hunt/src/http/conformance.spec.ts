import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv, type ValidateFunction } from 'ajv';
import fc from 'fast-check';
import type { OpenAPIV3 } from 'openapi-types';
import { createReadLimiter } from '../rate-limit/read-limiter';
import { invalidValue, validValue, type Schema } from '../testing/openapi-arbitraries';
import { buildTestHuntApp, createScriptedLoot, testAward } from '../testing/test-app';
import { ApiError } from './errors';

/**
 * Conformance of the live player API to its own OpenAPI document: for every operation,
 * generated valid requests (never a 400 or 401), requests with one invalid part (400, or a
 * read's 429) and bad tokens (401); every answer's status must be declared by the operation
 * (not merely covered by `default`), its body must validate against that status's schema and
 * its headers against the declared ones. Bounded: RUNS requests per operation, loopback only,
 * no shrinking.
 */
const RUNS = 60;

// Treasures a few metres apart, each scripted to one loot outcome; PENDING is listed but unknown to loot.
const AT = { lat: 52.52, lng: 13.4 };
const ID = (n: number) => `01KB00000000000000000000${String(n).padStart(2, '0')}`;
const SCRIPT = {
  [ID(1)]: testAward(ID(1)),
  [ID(2)]: new ApiError('already-claimed'),
  [ID(3)]: new ApiError('expired'),
  [ID(4)]: new ApiError('too-far'),
  [ID(5)]: new ApiError('rate-limited'),
  [ID(6)]: new ApiError('unavailable'),
};
const PENDING = ID(7);
/** Values a generated valid parameter is sometimes drawn from, so reads find treasures and claims hit them. */
const HINTS: Record<string, unknown[]> = {
  lat: [AT.lat],
  lng: [AT.lng],
  id: [...Object.keys(SCRIPT), PENDING],
};
const BAD_TOKENS = [undefined, 'Basic abc', 'Bearer x.y.z'];
const GREEDY = 'eve';

type Kind = 'valid' | 'invalid-input' | 'invalid-auth';
interface Req {
  kind: Kind;
  params: Record<string, unknown>;
  body?: string;
  authorization?: string | undefined;
}

let base: string;
let doc: OpenAPIV3.Document;
let tokens: string[];
let close: () => Promise<unknown>;
const seen = new Map<string, Set<number>>();

before(async () => {
  // One greedy player on a limit of 1 read a second (real clock): the run meets 429s too.
  const loose = createReadLimiter({ limitPerS: 10_000, now: Date.now });
  const tight = createReadLimiter({ limitPerS: 1, now: Date.now });
  const limiterOf = (player: string) => (player === GREEDY ? tight : loose);
  const t = await buildTestHuntApp({
    loot: createScriptedLoot(SCRIPT),
    readLimiter: {
      allow: (player) => limiterOf(player).allow(player),
      quota: (player) => limiterOf(player).quota(player),
      close: async () => {},
    },
  });
  [...Object.keys(SCRIPT), PENDING].forEach((id, i) => {
    const at = { lat: AT.lat + i * 0.0003, lng: AT.lng };
    t.deps.index.add(
      { id, zoneId: 'alpha', shardId: 'alpha', ...at, tier: 'common', expiresAtMs: t.nowMs + 6e5 },
      t.nowMs,
    );
  });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  close = () => t.app.close();
  tokens = ['ada', 'bob', GREEDY].map((p) => `Bearer ${t.tokenFor(p)}`);
  const served = (await (await fetch(`${base}/openapi.json`)).json()) as OpenAPIV3.Document;
  doc = (await SwaggerParser.dereference(structuredClone(served))) as OpenAPIV3.Document;
});
after(() => close());

const ajv = new Ajv({ strict: false });
const validators = new Map<object, ValidateFunction>();
function validate(schema: object, value: unknown, what: string): void {
  let v = validators.get(schema);
  if (!v) validators.set(schema, (v = ajv.compile(schema)));
  assert.ok(v(value), `${what}: ${ajv.errorsText(v.errors)} in ${JSON.stringify(value)}`);
}

/** Ways a client may write a number in a query: `12.5`, `012.5`, `1.25e+1`. */
const spellings = (n: number) =>
  fc.constantFrom(String(n), n < 0 ? `-0${String(-n)}` : `0${String(n)}`, n.toExponential());

/** Generated requests for one operation: valid, with one invalid part, or with a bad token. */
function requests(op: OpenAPIV3.OperationObject): fc.Arbitrary<Req> {
  const params = (op.parameters ?? []) as OpenAPIV3.ParameterObject[];
  const bodySchema = (op.requestBody as OpenAPIV3.RequestBodyObject | undefined)?.content['application/json']
    ?.schema as Schema | undefined;
  const validOf = (p: OpenAPIV3.ParameterObject) => {
    const schema = p.schema as Schema;
    const number = schema.type === 'number' || schema.type === 'integer';
    const generated = number ? validValue(schema).chain((n) => spellings(n as number)) : validValue(schema);
    const value = fc.oneof(generated, fc.constantFrom(...(HINTS[p.name] ?? [undefined])));
    const defined = value.filter((v) => v !== undefined);
    return p.required ? defined : fc.option(defined, { nil: undefined });
  };
  const validParams = fc.record(Object.fromEntries(params.map((p) => [p.name, validOf(p)])));
  const validBody = bodySchema ? validValue(bodySchema).map((b) => JSON.stringify(b)) : fc.constant(undefined);
  const token = fc.constantFrom(...tokens);

  const broken: fc.Arbitrary<{ params: Record<string, unknown>; body: string | undefined }>[] = [];
  for (const p of params) {
    const bad = invalidValue(p.schema as Schema, true);
    broken.push(
      fc.record({ params: fc.tuple(validParams, bad).map(([v, b]) => ({ ...v, [p.name]: b })), body: validBody }),
    );
    if (p.required && p.in === 'query') {
      broken.push(fc.record({ params: validParams.map(({ [p.name]: _gone, ...rest }) => rest), body: validBody }));
    }
  }
  if (bodySchema) {
    const badBody = fc.oneof(
      invalidValue(bodySchema, false).map((b) => JSON.stringify(b)),
      fc.constantFrom('{"lat":', 'not json', ''),
    );
    broken.push(fc.record({ params: validParams, body: badBody }));
  }

  const valid = fc.record({ params: validParams, body: validBody, authorization: token });
  return fc.oneof(
    { arbitrary: valid.map((r) => ({ ...r, kind: 'valid' as const })), weight: 2 },
    ...(broken.length > 0
      ? [
          fc
            .tuple(fc.oneof(...broken), token)
            .map(([r, authorization]) => ({ ...r, authorization, kind: 'invalid-input' as const })),
        ]
      : []),
    fc
      .tuple(valid, fc.constantFrom(...BAD_TOKENS))
      .map(([r, authorization]) => ({ ...r, authorization, kind: 'invalid-auth' as const })),
  );
}

/** A parameter as text: generated text as it is, a number as JavaScript writes it. */
const textOf = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

function urlOf(path: string, params: OpenAPIV3.ParameterObject[], values: Record<string, unknown>): string {
  let url = path;
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const where = params.find((p) => p.name === name)?.in;
    if (where === 'path') url = url.replace(`{${name}}`, encodeURIComponent(textOf(value)));
    else query.append(name, textOf(value));
  }
  return `${base}${url}${query.size > 0 ? `?${query.toString()}` : ''}`;
}

async function send(method: string, path: string, op: OpenAPIV3.OperationObject, req: Req): Promise<void> {
  const params = (op.parameters ?? []) as OpenAPIV3.ParameterObject[];
  const url = urlOf(path, params, req.params);
  const headers: Record<string, string> = {};
  if (req.authorization !== undefined) headers['authorization'] = req.authorization;
  if (req.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url, { method: method.toUpperCase(), headers, body: req.body });
  const what = `${method.toUpperCase()} ${url} (${req.kind}, body ${req.body}) answered ${res.status}`;
  const text = await res.text();
  (seen.get(op.operationId!) ?? seen.set(op.operationId!, new Set()).get(op.operationId!)!).add(res.status);

  const declared = op.responses[String(res.status)] as OpenAPIV3.ResponseObject | undefined;
  assert.ok(declared, `${what}: status not declared (${text})`);
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/, what);
  const schema = declared.content?.['application/json']?.schema;
  assert.ok(schema, `${what}: no JSON schema declared`);
  validate(schema, JSON.parse(text), `${what}: body`);
  for (const [name, header] of Object.entries(declared.headers ?? {}) as [string, OpenAPIV3.HeaderObject][]) {
    const value = res.headers.get(name);
    if (value === null) {
      assert.ok(!header.required, `${what}: required header ${name} missing`);
      continue;
    }
    const headerSchema = header.schema as Schema;
    const typed = headerSchema.type === 'integer' && /^-?\d+$/.test(value) ? Number(value) : value;
    validate(headerSchema, typed, `${what}: header ${name}`);
  }

  const expected: Record<Kind, (s: number) => boolean> = {
    'invalid-auth': (s) => s === 401,
    'invalid-input': (s) => s === 400 || (s === 429 && method === 'get'),
    valid: (s) => s !== 400 && s !== 401 && s !== 500,
  };
  assert.ok(expected[req.kind](res.status), `${what}: unexpected for a ${req.kind} request (${text})`);
}

test('every declared operation answers only as its OpenAPI document says', async () => {
  let operations = 0;
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item ?? {}) as [string, OpenAPIV3.OperationObject][]) {
      operations++;
      await fc.assert(
        fc.asyncProperty(requests(op), (req) => send(method, path, op, req)),
        { numRuns: RUNS, endOnFailure: true },
      );
    }
  }
  assert.equal(operations, 5);
  // The run met the answers it is meant to check, not only 401s.
  const all = new Set([...seen.values()].flatMap((s) => [...s]));
  for (const status of [200, 400, 401, 429]) assert.ok(all.has(status), `no ${status} seen: ${[...all].join()}`);
  const outcomes = [...(seen.get('claimTreasure') ?? [])].filter((s) => ![400, 401].includes(s));
  assert.ok(outcomes.length >= 3, `claims met too few loot outcomes: ${outcomes.join()}`);
});
