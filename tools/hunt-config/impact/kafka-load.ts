import { JSON_CONTENT_TYPE, KAFKA_HEADERS, ulid, type TreasureSpawnedV1 } from '@hunt/contracts';
import { worldOf, type HuntConfig } from '@hunt/config-schema';
import { cellCenter, shardOfCell } from '@hunt/world';
import type { SeasonProfile } from './season-profile';

/**
 * Bytes one spawn event costs on the bus: the JSON value of a representative event (in the
 * world's zone with the longest id), the key (the cell's shard, as the spawner keys events),
 * the two headers, and ~70 bytes of Kafka record-batch overhead per record (the v2 record
 * format's per-record fields, amortised batch header; an estimate, stated as such).
 */
export function bytesPerSpawnEvent(config: HuntConfig): number {
  const zone = worldOf(config).zones.reduce((a, b) => (b.id.length > a.id.length ? b : a));
  const cell = zone.cells[0]!;
  const at = cellCenter(cell);
  const event: TreasureSpawnedV1 = {
    treasure_id: ulid(Date.parse(config.season.starts_at), () => 0.5),
    zone_id: zone.id,
    // Six decimals, as the spawner rounds positions (about 0.1 m).
    lat: Number(at.lat.toFixed(6)),
    lng: Number(at.lng.toFixed(6)),
    tier: Object.keys(config.tiers).reduce((a, b) => (b.length > a.length ? b : a)),
    spawned_at: Date.parse(config.season.starts_at),
    expires_at: Date.parse(config.season.starts_at) + config.spawn.treasure_ttl_s * 1000,
    config_version: config.version,
  };
  const headers =
    KAFKA_HEADERS.configVersion.length +
    String(config.version).length +
    KAFKA_HEADERS.contentType.length +
    JSON_CONTENT_TYPE.length;
  return Buffer.byteLength(JSON.stringify(event)) + shardOfCell(cell).length + headers + 70;
}

/** The fleet's load on the spawn topic at the season's peak minute. */
export interface KafkaLoad {
  /** What the zones ask for at the peak minute, events/s. */
  readonly demandPerS: number;
  readonly demandAt: string;
  readonly throttleCapPerS: number;
  /** What the spawners publish: the demand, cut at the throttle cap. */
  readonly publishedPerS: number;
  /** Events/s the cap drops at the peak (0 when the demand fits under it). */
  readonly droppedPerS: number;
  readonly bytesPerEvent: number;
  readonly bytesPerS: number;
  readonly busEventsPerS: number;
}

export function kafkaLoad(config: HuntConfig, profile: SeasonProfile): KafkaLoad {
  const bytesPerEvent = bytesPerSpawnEvent(config);
  const publishedPerS = Math.min(profile.peakTotalRate, config.spawn.throttle_cap_per_s);
  return {
    demandPerS: profile.peakTotalRate,
    demandAt: profile.peakTotalAt,
    throttleCapPerS: config.spawn.throttle_cap_per_s,
    publishedPerS,
    droppedPerS: profile.peakTotalRate - publishedPerS,
    bytesPerEvent,
    bytesPerS: publishedPerS * bytesPerEvent,
    busEventsPerS: config.limits.bus_events_per_s,
  };
}
