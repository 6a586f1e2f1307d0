import { KAFKA_HEADERS } from '@hunt/contracts';
import {
  BATCH_LIMIT,
  PoisonMessageError,
  type AnyEventHandler,
  type BatchEventHandler,
  type EventHandler,
  type EventHeaders,
  type EventMeta,
} from './port';

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
  /** Everything up to and including `last` was handled or dead-lettered: commit it (now or later). */
  commit(last: RawMessage): Promise<void>;
  /** The adapter no longer owns the rest (a rebalance, a pending seek): hand over no more. */
  revoked?: () => boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Hands consecutive messages of one partition to their handler in offset order, under the
 * delivery contract of EventHandler (one message at a time) or BatchEventHandler (up to
 * BATCH_LIMIT at a time), committing after each. Returns early once the subscription stopped or
 * the adapter lost the partition, the rest uncommitted; rejects only when the subscription
 * stopped while the handler kept failing (that message or batch stays uncommitted).
 */
export async function deliverPartition(
  handler: AnyEventHandler,
  raws: readonly RawMessage[],
  hooks: DeliveryHooks,
): Promise<void> {
  const unit = 'handleBatch' in handler ? BATCH_LIMIT : 1;
  for (let i = 0; i < raws.length && !hooks.stopped() && !hooks.revoked?.(); i += unit) {
    const chunk = raws.slice(i, i + unit);
    for (const raw of chunk) hooks.observeVersion?.(raw.meta.headers[KAFKA_HEADERS.configVersion]);
    await ('handleBatch' in handler ? deliverBatch(handler, chunk, hooks) : deliverOne(handler, chunk[0]!, hooks));
    await hooks.commit(chunk[chunk.length - 1]!);
  }
}

async function deliverOne(handler: EventHandler<never>, raw: RawMessage, hooks: DeliveryHooks): Promise<void> {
  const decoded = decode(handler, raw.value);
  if (!decoded.ok) return deadLetter(raw, decoded.reason, hooks);
  return untilHandled(
    () => handler.handle(decoded.value as never, raw.meta),
    raw.meta,
    hooks,
    (poison) => deadLetter(raw, poison.message, hooks),
  );
}

async function deliverBatch(
  handler: BatchEventHandler<never>,
  raws: readonly RawMessage[],
  hooks: DeliveryHooks,
): Promise<void> {
  const valid: { raw: RawMessage; value: never }[] = [];
  const dead: Promise<void>[] = [];
  for (const raw of raws) {
    const decoded = decode(handler, raw.value);
    if (decoded.ok) valid.push({ raw, value: decoded.value as never });
    else dead.push(deadLetter(raw, decoded.reason, hooks));
  }
  await Promise.all(dead);
  // A poison event is found by handing the batch over again one event at a time.
  const alone = (v: (typeof valid)[number]) =>
    untilHandled(
      () => handler.handleBatch([{ value: v.value, meta: v.raw.meta }]),
      v.raw.meta,
      hooks,
      (poison) => deadLetter(v.raw, poison.message, hooks),
    );
  if (valid.length === 0) return;
  if (valid.length === 1) return alone(valid[0]!);
  return untilHandled(
    () => handler.handleBatch(valid.map((v) => ({ value: v.value, meta: v.raw.meta }))),
    valid[0]!.raw.meta,
    hooks,
    async () => {
      for (const v of valid) await alone(v);
    },
  );
}

/** Runs `attempt` until it resolves, retrying transient errors with backoff; poison goes to `onPoison`. */
async function untilHandled(
  attempt: () => Promise<void>,
  meta: EventMeta,
  hooks: DeliveryHooks,
  onPoison: (error: PoisonMessageError) => Promise<void>,
): Promise<void> {
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (error instanceof PoisonMessageError) return onPoison(error);
      hooks.onTransientError(error, meta);
      if (hooks.stopped()) throw error;
      await sleep(Math.min(2000, 50 * 2 ** n));
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
