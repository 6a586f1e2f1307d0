import { JSON_CONTENT_TYPE, KAFKA_HEADERS } from '@hunt/contracts';
import { EventValidationError, type EventHeaders, type PublishRequest } from './port';

/** Validates and serialises an outgoing event, stamping its config version (the request's, else the producer's). */
export function encode<T>(request: PublishRequest<T>, configVersion: number): { value: string; headers: EventHeaders } {
  const parsed = request.schema.safeParse(request.value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new EventValidationError(`event for ${request.topic} is invalid: ${issues.join('; ')}`);
  }
  return {
    value: JSON.stringify(parsed.data),
    headers: {
      ...request.headers,
      [KAFKA_HEADERS.configVersion]: String(request.configVersion ?? configVersion),
      [KAFKA_HEADERS.contentType]: JSON_CONTENT_TYPE,
    },
  };
}
