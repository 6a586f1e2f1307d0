/** Kafka headers every producer stamps (design contract). */
export const KAFKA_HEADERS = {
  /** The producer's running config version, as a decimal string. */
  configVersion: 'config-version',
  contentType: 'content-type',
} as const;

export const JSON_CONTENT_TYPE = 'application/json';
