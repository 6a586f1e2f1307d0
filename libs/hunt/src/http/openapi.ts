import type { FastifyDynamicSwaggerOptions, SwaggerTransform } from '@fastify/swagger';
import { createJsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { OpenAPIV3 } from 'openapi-types';
import type { PlayerLimit } from '../rate-limit/rate-limit-headers';
import { API_ERRORS } from './errors';
import { responseHeaders, RESPONSE_HEADERS } from './openapi-headers';

type Document = OpenAPIV3.Document;

/** What each documented status means: the error codes answered with it. */
function describeStatus(status: string): string {
  if (status === '200') return 'OK';
  if (status === 'default') return `an unexpected error (${API_ERRORS.internal.code}: no details)`;
  const codes = Object.values(API_ERRORS).filter((e) => String(e.http) === status);
  const described = codes.map((e) => `${e.code}: ${e.message}`).join('; ');
  // OpenAPI cannot say that a query takes no other parameters; the API refuses unknown ones.
  return status === '400' ? `${described} (unknown query parameters are refused too)` : described;
}

/** Components nothing refers to (zod's input twin of an output schema, say). */
function withoutUnused(doc: Document): Document {
  const schemas = doc.components?.schemas ?? {};
  const text = JSON.stringify({ ...doc, components: { ...doc.components, schemas: {} } });
  const used = Object.fromEntries(
    Object.entries(schemas).filter(([id]) => text.includes(`"#/components/schemas/${id}"`)),
  );
  return { ...doc, components: { ...doc.components, schemas: used } };
}

/**
 * @fastify/swagger options for the player API: its /v1 routes only (the ops routes are in the
 * README), typed from their zod schemas by fastify-type-provider-zod, with what the schemas
 * cannot say added here: each status's description, the response headers (every answer's
 * x-config-version and x-request-id, Retry-After on 429 and 503, RateLimit-* after the route's
 * `config.playerLimit`) and the error schema once, in components, referred to everywhere.
 * @throws at document generation when a /v1 route has no operationId.
 */
export function huntOpenApi(info: { version: string }): FastifyDynamicSwaggerOptions {
  const zodTransform = createJsonSchemaTransform({ skipList: [] });
  // Filled by `transform` (one call per route) and read by `transformObject` right after.
  const policies = new Map<string, PlayerLimit | undefined>();
  const transform: SwaggerTransform = (input) => {
    const { route, url } = input;
    if (!url.startsWith('/v1/')) return { schema: { hide: true }, url };
    const operationId = route.schema?.operationId;
    if (!operationId) throw new Error(`${String(route.method)} ${url} has no operationId`);
    policies.set(operationId, route.config?.playerLimit);
    const out = zodTransform(input);
    return { ...out, schema: { ...out.schema, security: [{ bearer: [] }] } };
  };
  return {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Treasure hunt player API',
        version: info.version,
        description: `Errors: ${Object.values(API_ERRORS)
          .map((e) => `${e.code} (${e.http})`)
          .join(', ')}`,
        // The repository ships no open-source licence (its package is private).
        license: { name: 'Proprietary' },
      },
      servers: [{ url: '/', description: 'the server that serves this document' }],
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
        headers: RESPONSE_HEADERS,
      },
    },
    transform,
    transformObject: (input) => {
      const doc = jsonSchemaTransformObject(input) as Document;
      for (const item of Object.values(doc.paths)) {
        for (const op of Object.values(item ?? {}) as OpenAPIV3.OperationObject[]) {
          for (const [status, res] of Object.entries(op.responses) as [string, OpenAPIV3.ResponseObject][]) {
            res.description = describeStatus(status);
            res.headers = responseHeaders(status, policies.get(op.operationId!));
          }
        }
      }
      return withoutUnused(doc);
    },
  };
}
