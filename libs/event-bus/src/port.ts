import type { z } from 'zod';

/** Message headers as strings (the bus stamps `config-version` and `content-type` itself). */
export type EventHeaders = Readonly<Record<string, string>>;

export interface PublishRequest<T> {
  readonly topic: string;
  /** Partition key; by contract the zone id, so a zone's events stay ordered. */
  readonly key: string;
  /** The value is validated against this schema before it leaves the process. */
  readonly schema: z.ZodType<T>;
  readonly value: T;
  readonly headers?: EventHeaders;
  /**
   * Stamped as the `config-version` header instead of the bus's own: for a relay forwarding an
   * event that a process with another config version produced (the loot award outbox).
   */
  readonly configVersion?: number;
}

export interface EventMeta {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly headers: EventHeaders;
}

/**
 * The most messages one BatchEventHandler call receives: the unit of commit and of redelivery.
 * A larger one gains little once a batch covers the store's round trip (BENCHMARKS.md, loot).
 */
export const BATCH_LIMIT = 500;

/** One decoded message as a batch handler receives it. */
export interface DeliveredEvent<T> {
  readonly value: T;
  readonly meta: EventMeta;
}

interface HandlerTarget<T> {
  readonly topic: string;
  readonly schema: z.ZodType<T>;
}

/**
 * A subscription handler as data. Delivery contract:
 *  - the value is JSON-decoded and validated with `schema` first; a message that fails goes to
 *    the dead-letter topic `<topic>.dlq` with the reason in headers, and the partition moves on;
 *  - `handle` resolving commits the offset; throwing PoisonMessageError dead-letters the message;
 *  - any other throw is transient (a dependency down): the message is NOT committed and is
 *    redelivered after a backoff, holding its partition (order by key is kept). The bus owns
 *    these retries; handlers must be idempotent because delivery is at-least-once.
 * A partition's messages reach the handler one at a time, in offset order.
 */
export interface EventHandler<T> extends HandlerTarget<T> {
  handle(value: T, meta: EventMeta): Promise<void>;
}

/**
 * A handler that takes a partition's messages a batch at a time: for a handler whose cost is a
 * round trip per message that it can overlap (the loot-service pipelines a batch into Redis).
 * Delivery contract, as EventHandler's with the batch as the unit:
 *  - a batch holds up to BATCH_LIMIT consecutive messages of one partition, in offset order, with
 *    those that fail `schema` left out (dead-lettered as for `handle`); a partition's next batch
 *    is handed over only after this one resolved. Ordering inside a batch is the handler's own
 *    business: one that handles its events concurrently gives it up there, and only there;
 *  - `handleBatch` resolving commits every offset of the batch; nothing is committed before;
 *  - any throw but PoisonMessageError is transient: the same batch is redelivered after a
 *    backoff, holding its partition; committed offsets stay before its first message;
 *  - throwing PoisonMessageError (which event is not said) redelivers the batch one event at a
 *    time, each with the single-message contract: the poison one is dead-lettered with its
 *    error and the rest are handled again. Handlers must be idempotent.
 */
export interface BatchEventHandler<T> extends HandlerTarget<T> {
  handleBatch(events: readonly DeliveredEvent<T>[]): Promise<void>;
}

/** A handler with its value type erased, so handlers of several topics fit in one list. */
export type AnyEventHandler = (EventHandler<never> | BatchEventHandler<never>) & { readonly __erased?: true };

/** Erases a handler's value type; the bus validates with the handler's own schema. */
export function defineHandler<T>(handler: EventHandler<T> | BatchEventHandler<T>): AnyEventHandler {
  return handler as unknown as AnyEventHandler;
}

/** A point in a topic's history, for where a new consumer group starts (SubscribeOptions.startAt). */
export interface StartAt {
  /** Unix ms, compared with each message's timestamp: its producer's clock when it was sent. */
  readonly timestampMs: number;
}

export interface SubscribeOptions {
  /** Consumer group: members share partitions and committed offsets. */
  readonly groupId: string;
  readonly handlers: readonly AnyEventHandler[];
  /** Where a group without committed offsets starts: the oldest message (true) or new ones. */
  readonly fromBeginning?: boolean;
  /**
   * Per topic (logical name, one a handler consumes; any other throws RangeError), where a group
   * without committed offsets starts instead of `fromBeginning`: each partition of the topic on
   * which the group has no committed offset when this subscription starts begins at the first
   * message whose timestamp is >= timestampMs, or at its end (messages published from then on)
   * when there is none. A partition with a committed offset resumes there: this only places a
   * new group. Timestamps need not grow along a partition (producers send late, clocks differ):
   * later messages with an older timestamp are delivered too, but no message with a timestamp
   * >= timestampMs is ever skipped. Meant for a group whose members start it together, such as
   * a group of its own per process; a member joining a group that is already consuming must
   * not rely on it.
   */
  readonly startAt?: Readonly<Record<string, StartAt>>;
}

export interface Subscription {
  /**
   * Whether the replay of what existed at subscribe time is done, for readiness checks: true
   * once, on every partition of its topics, every message below the end offset (high
   * watermark) that partition had when subscribe() was called has been handled or
   * dead-lettered, or the subscription started at or past that end (an empty topic, a group
   * resuming with nothing new, a new group starting at new messages: true at once). Messages
   * published later do not count: once true it stays true, through new messages, rebalances
   * and outages. Answered from the consumer's own progress, without I/O: cheap to poll.
   * Meant, like startAt, for a group of its own: in a shared group it speaks only for the
   * partitions this member was assigned, and one it loses to another member before reaching
   * its end stops counting. A partition whose whole backlog retention deletes before it is
   * read, with nothing published after, never catches up.
   */
  caughtUp(): boolean;
  /** Stops consuming; the message (or batch) in flight finishes (and commits) first. */
  close(): Promise<void>;
}

/** Versioned topics and their dead letters, keyed by zone; see EventHandler for delivery. */
export interface EventBus {
  /** Creates each topic and its `<topic>.dlq` if missing. Idempotent. Call before publishing. */
  ensureTopics(topics: readonly string[]): Promise<void>;
  /**
   * Resolves once the message is durably accepted (all in-sync replicas). Throws
   * EventValidationError for a value its schema rejects (a producer bug) and
   * EventBusUnavailableError when the broker cannot be reached; the caller owns retries.
   */
  publish<T>(request: PublishRequest<T>): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /** For readiness checks: the broker answers within a short timeout. Never throws. */
  healthy(): Promise<boolean>;
  /** Stops every subscription and disconnects; awaits everything it started. */
  close(): Promise<void>;
}

/** Thrown by a handler for a message that can never succeed (send it to the dead-letter topic). */
export class PoisonMessageError extends Error {
  override readonly name = 'PoisonMessageError';
}

export class EventValidationError extends Error {
  override readonly name = 'EventValidationError';
}

export class EventBusUnavailableError extends Error {
  override readonly name = 'EventBusUnavailableError';
}
