import { KAFKA_HEADERS } from '@hunt/contracts';
import { PoisonMessageError, type AnyEventHandler, type EventHeaders, type EventMeta } from './port';

/** Headers a dead-lettered message carries besides its original ones. */
export const DLQ_HEADERS = {
  reason: 'dlq-reason',
  sourceTopic: 'dlq-source-topic',
  sourcePartition: 'dlq-source-partition',
  sourceOffset: 'dlq-source-offset',
} as const;

export const dlqTopic = (topic: string) => `${topic}.dlq`;

/** One received message in driver-neutral form. */
export interface RawMessage {
  readonly value: string | null;
  readonly meta: EventMeta;
}

/** What an adapter lends the shared delivery loop. */
export interface DeliveryHooks {
  deadLetter(raw: RawMessage, headers: EventHeaders): Promise<void>;
  /** Keeps the group membership alive during long retries (Kafka heartbeat). */
  heartbeat(): Promise<void>;
  stopped(): boolean;
  onTransientError(error: unknown, meta: EventMeta): void;
  /** Reports the producer's config version stamp of every received message. */
  observeVersion?: (version: string | undefined) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Decodes, validates and hands one message to its handler; the delivery contract of EventHandler.
 * Resolves when the message may be committed (handled or dead-lettered); rejects only when the
 * subscription stopped while the handler kept failing (the message stays uncommitted).
 */
export async function deliver(handler: AnyEventHandler, raw: RawMessage, hooks: DeliveryHooks): Promise<void> {
  hooks.observeVersion?.(raw.meta.headers[KAFKA_HEADERS.configVersion]);
  const decoded = decode(handler, raw.value);
  if (!decoded.ok) return deadLetter(raw, decoded.reason, hooks);
  for (let attempt = 0; ; attempt++) {
    try {
      await handler.handle(decoded.value as never, raw.meta);
      return;
    } catch (error) {
      if (error instanceof PoisonMessageError) return deadLetter(raw, error.message, hooks);
      hooks.onTransientError(error, raw.meta);
      if (hooks.stopped()) throw error;
      await sleep(Math.min(2000, 50 * 2 ** attempt));
      await hooks.heartbeat();
    }
  }
}

function decode(
  handler: AnyEventHandler,
  value: string | null,
): { ok: true; value: unknown } | { ok: false; reason: string } {
  if (value === null) return { ok: false, reason: 'empty message value' };
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch (error) {
    return { ok: false, reason: `value is not JSON: ${(error as Error).message}` };
  }
  const parsed = handler.schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  return { ok: false, reason: `schema: ${issues.join('; ')}` };
}

function deadLetter(raw: RawMessage, reason: string, hooks: DeliveryHooks): Promise<void> {
  return hooks.deadLetter(raw, {
    ...raw.meta.headers,
    [DLQ_HEADERS.reason]: reason.slice(0, 1000),
    [DLQ_HEADERS.sourceTopic]: raw.meta.topic,
    [DLQ_HEADERS.sourcePartition]: String(raw.meta.partition),
    [DLQ_HEADERS.sourceOffset]: raw.meta.offset,
  });
}
