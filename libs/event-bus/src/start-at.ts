import type { SubscribeOptions } from './port';

/**
 * A subscription's startAt, checked against its handlers: topic to a whole, non-negative
 * timestamp (a negative one means "at or after anything"; Kafka would read -1 and -2 as
 * "latest" and "earliest"). Throws RangeError for a topic no handler consumes or a time that is
 * not a finite number: a mistyped topic must not silently fall back to fromBeginning.
 */
export function startTimes(options: SubscribeOptions): Map<string, number> {
  const consumed = new Set(options.handlers.map((h) => h.topic));
  const times = new Map<string, number>();
  for (const [topic, at] of Object.entries(options.startAt ?? {})) {
    if (!consumed.has(topic)) {
      throw new RangeError(`subscribe ${options.groupId}: startAt names ${topic}, which no handler consumes`);
    }
    if (!Number.isFinite(at.timestampMs)) {
      throw new RangeError(`subscribe ${options.groupId}: startAt of ${topic} is not a finite time: ${at.timestampMs}`);
    }
    times.set(topic, Math.max(0, Math.ceil(at.timestampMs)));
  }
  return times;
}
