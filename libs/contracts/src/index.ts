export { PROTO_FILES } from './proto-files';
export { loadProto, PROTO_LOADER_OPTIONS } from './load-proto';
export type { ConfigGetRequest, ConfigGetResponse } from './config-v1';
export { CONFIG_SERVICE_NAME } from './config-v1';
export type { GrpcServiceRegistration } from './grpc-registration';
export { KAFKA_HEADERS, JSON_CONTENT_TYPE } from './events/headers';
export { TREASURE_SPAWNED_TOPIC, treasureSpawnedV1, type TreasureSpawnedV1 } from './events/treasure-spawned';
export { ulid } from './events/ulid';
export { latitudeSchema, longitudeSchema, slugSchema, ulidSchema } from './primitives';
export { LOOT_AWARDED_TOPIC, lootAwardedV1, type LootAwardedV1 } from './events/loot-awarded';
export type {
  ClaimRequest,
  ClaimResponse,
  GetPlayerRequest,
  PlayerResponse,
  GetLeaderboardRequest,
  LeaderboardResponse,
} from './loot-v1';
export { LOOT_SERVICE_NAME, ERROR_CODE_METADATA_KEY } from './loot-v1';
export { SHARED_ERRORS, type HuntErrorSpec } from './error-codes';
