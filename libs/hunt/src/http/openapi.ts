import type { RouteOptions } from 'fastify';
import { z } from 'zod';
import { API_ERRORS } from './errors';

interface RouteSchema {
  summary?: string;
  querystring?: z.ZodType;
  params?: z.ZodType;
  body?: z.ZodType;
  response?: Record<number, z.ZodType>;
}

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, target: 'openapi-3.0', unrepresentable: 'any' });

/** One OpenAPI parameter per property of a query or path object schema. */
function parameters(schema: z.ZodType | undefined, where: 'query' | 'path') {
  if (!schema) return [];
  const json = jsonSchema(schema, 'input') as { properties?: Record<string, object>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: s,
  }));
}

/**
 * OpenAPI 3 generated from the zod schemas the routes validate with (collected by an onRoute
 * hook), so the document cannot drift from what the server accepts. Only routes with a schema
 * are listed (the ops routes are documented in the README).
 */
export function buildOpenApi(routes: readonly RouteOptions[], info: { version: string }): object {
  const paths: Record<string, Record<string, object>> = {};
  for (const route of routes) {
    const schema = route.schema as RouteSchema | undefined;
    if (!schema?.response) continue;
    const path = route.url.replace(/:(\w+)/g, '{$1}');
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      (paths[path] ??= {})[method.toLowerCase()] = {
        summary: schema.summary,
        security: [{ bearer: [] }],
        parameters: [...parameters(schema.params, 'path'), ...parameters(schema.querystring, 'query')],
        ...(schema.body && {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(schema.body, 'input') } },
          },
        }),
        responses: Object.fromEntries(
          Object.entries(schema.response).map(([status, s]) => [
            status,
            {
              description: Object.values(API_ERRORS).find((e) => String(e.http) === status)?.message ?? 'OK',
              content: { 'application/json': { schema: jsonSchema(s, 'output') } },
            },
          ]),
        ),
      };
    }
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Treasure hunt player API',
      version: info.version,
      description: `Errors: ${Object.values(API_ERRORS)
        .map((e) => `${e.code} (${e.http})`)
        .join(', ')}`,
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    paths,
  };
}
