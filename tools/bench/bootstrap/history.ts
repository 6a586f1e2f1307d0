/**
 * The topic history a new hunt-api replica finds at city scale: `minutes` of spawns at `ratePerS`
 * ending at `endMs`, each message stamped with its send time (= spawned_at), and an award for
 * every CLAIM_EVERY-th spawn, sent at a pseudo-random moment of its first half-life. Written with
 * a raw kafkajs producer (the bus cannot set timestamps), one lane per partition so each
 * partition's timestamps grow as a spawner's would.
 */
import { LOOT_AWARDED_TOPIC, TREASURE_SPAWNED_TOPIC, ulid } from '@hunt/contracts';
import type { Message, Producer } from 'kafkajs';

export interface HistorySpec {
  readonly minutes: number;
  readonly ratePerS: number;
  readonly ttlS: number;
  readonly endMs: number;
  readonly partitions: number;
  /** Broker topic names (scoped). */
  readonly spawnTopic: string;
  readonly awardTopic: string;
}

export interface HistoryCounts {
  readonly spawns: number;
  readonly awards: number;
  /** Spawns and awards sent at or after a time (what a replica starting there reads). */
  spawnsSince(ms: number): number;
  awardsSince(ms: number): number;
  /** Treasures live at endMs and not claimed by then: what a ready index lists. */
  readonly live: number;
}

const CLAIM_EVERY = 20;
const CHUNK = 2000;
const ZONES = ['old-town', 'harbour', 'university'];

export const topicsOf = (prefix: string) => ({
  spawnTopic: `${prefix}.${TREASURE_SPAWNED_TOPIC}`,
  awardTopic: `${prefix}.${LOOT_AWARDED_TOPIC}`,
});

/** A deterministic fraction in [0, 1) per spawn (Knuth's multiplicative hash). */
const fraction = (i: number) => ((i * 2_654_435_761) % 4_294_967_296) / 4_294_967_296;

export async function writeHistory(producer: Producer, spec: HistorySpec): Promise<HistoryCounts> {
  const total = Math.round(spec.minutes * 60 * spec.ratePerS);
  const startMs = spec.endMs - spec.minutes * 60_000;
  const ttlMs = spec.ttlS * 1000;
  const sentAt = (i: number) => Math.floor(startMs + (i * 1000) / spec.ratePerS);
  const ids: string[] = new Array<string>(total);
  const awards: { i: number; at: number }[] = [];
  for (let i = 0; i < total; i++) {
    ids[i] = ulid(sentAt(i), Math.random); // ulidx's default crypto source costs ~50x more per id
    const at = sentAt(i) + Math.floor(fraction(i) * (ttlMs / 2));
    if (i % CLAIM_EVERY === 0 && at <= spec.endMs) awards.push({ i, at });
  }
  awards.sort((a, b) => a.at - b.at);
  const claimed = new Set(awards.map((a) => a.i));

  const spawn = (i: number) => {
    const t = sentAt(i);
    const zone = ZONES[i % ZONES.length]!;
    const value = JSON.stringify({
      treasure_id: ids[i],
      zone_id: zone,
      lat: 53.54 + fraction(i + 1) * 0.02,
      lng: 9.97 + fraction(i + 2) * 0.03,
      tier: 'common',
      spawned_at: t,
      expires_at: t + ttlMs,
      config_version: 1,
    });
    return { key: zone, value, timestamp: String(t) };
  };
  const award = ({ i, at }: { i: number; at: number }) => {
    const zone = ZONES[i % ZONES.length]!;
    const value = JSON.stringify({
      ...{ treasure_id: ids[i], zone_id: zone, player_id: `p${i % 5000}`, season_id: 's1', tier: 'common' },
      ...{ item: 'coin', value: 1, multiplier: 1, points: 1, claimed_at: at },
      ...{ loot_config_version: 1, spawn_config_version: 1 },
    });
    return { key: zone, value, timestamp: String(at) };
  };

  // Lane p sends every partitions-th message, in order, one request in flight at a time.
  const lane = async (topic: string, n: number, message: (k: number) => Message, partition: number) => {
    for (let from = partition; from < n; from += CHUNK * spec.partitions) {
      const messages: Message[] = [];
      for (let k = from; k < Math.min(n, from + CHUNK * spec.partitions); k += spec.partitions) {
        messages.push({ ...message(k), partition });
      }
      await producer.send({ topic, acks: 1, messages });
    }
  };
  const lanes = [...Array(spec.partitions).keys()];
  await Promise.all(lanes.map((p) => lane(spec.spawnTopic, total, spawn, p)));
  await Promise.all(lanes.map((p) => lane(spec.awardTopic, awards.length, (k) => award(awards[k]!), p)));

  let live = 0;
  for (let i = 0; i < total; i++) if (sentAt(i) + ttlMs > spec.endMs && !claimed.has(i)) live++;
  return {
    spawns: total,
    awards: awards.length,
    spawnsSince: (ms) => {
      let n = 0;
      for (let i = 0; i < total; i++) if (sentAt(i) >= ms) n++;
      return n;
    },
    awardsSince: (ms) => awards.filter((a) => a.at >= ms).length,
    live,
  };
}
