import type { FastifySchemaCompiler, FastifySerializerCompiler, FastifyTypeProvider } from 'fastify';
import { z } from 'zod';

/**
 * Fastify's type provider for zod 4 schemas: route handlers see `z.output` of the request
 * schemas and must return `z.input` of the response schema. Written here (a few lines) rather
 * than depending on fastify-type-provider-zod, whose major versions track zod and Fastify
 * releases separately.
 */
export interface ZodTypeProvider extends FastifyTypeProvider {
  validator: this['schema'] extends z.ZodType ? z.output<this['schema']> : unknown;
  serializer: this['schema'] extends z.ZodType ? z.input<this['schema']> : unknown;
}

/** A request part that failed its schema; the error handler renders it as a 400 naming the field. */
export class RequestValidationError extends Error {
  override readonly name = 'RequestValidationError';
  constructor(
    readonly part: string,
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Validates with the route's zod schema, and only with it: Fastify's default Ajv coercion is
 * bypassed, so a query string becomes a number only where the schema says how (no silently
 * coerced input). The first issue names the field.
 */
export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    const result = schema.safeParse(data);
    if (result.success) return { value: result.data };
    const issue = result.error.issues[0]!;
    // An unknown key is named by the key itself (it sits at the object's path).
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
    const field = path.length > 0 ? path.map(String).join('.') : (httpPart ?? 'body');
    return { error: new RequestValidationError(httpPart ?? 'body', field, `${field}: ${issue.message}`) };
  };

/**
 * Responses are serialised with JSON.stringify without re-validation: the schemas type the
 * handlers at compile time and document the API; validating every response would tax the hot
 * path for no client benefit.
 */
export const zodSerializerCompiler: FastifySerializerCompiler<z.ZodType> = () => (data) => JSON.stringify(data);

/**
 * A decimal number from a query string: digits only, no blanks, no hex, no `Infinity`. Rejects
 * what `Number()` would silently turn into 0 or NaN.
 */
export const queryNumber = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/, 'must be a decimal number')
  .transform(Number);
