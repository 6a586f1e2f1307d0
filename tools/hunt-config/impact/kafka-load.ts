import { JSON_CONTENT_TYPE, KAFKA_HEADERS, ulid, type TreasureSpawnedV1 } from '@hunt/contracts';
import type { HuntConfig } from '@hunt/config-schema';

/**
 * Bytes one spawn event costs on the bus: the JSON value of a representative event, the key
 * (zone id), the two headers, and ~70 bytes of Kafka record-batch overhead per record (the
 * v2 record format's per-record fields, amortised batch header; an estimate, stated as such).
 */
export function bytesPerSpawnEvent(config: HuntConfig): number {
  const zone = config.zones.reduce((a, b) => (b.id.length > a.id.length ? b : a));
  const event: TreasureSpawnedV1 = {
    treasure_id: ulid(Date.parse(config.season.starts_at), () => 0.5),
    zone_id: zone.id,
    lat: zone.bounds.min_lat + 0.123456789,
    lng: zone.bounds.min_lng + 0.123456789,
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
  return Buffer.byteLength(JSON.stringify(event)) + zone.id.length + headers + 70;
}
