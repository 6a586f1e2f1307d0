export { PROTO_FILES, GOOGLE_RPC_PROTOS, googleProtoRoot } from './proto-files';
export { loadProto, PROTO_LOADER_OPTIONS } from './load-proto';
export type { ConfigGetRequest, ConfigGetResponse } from './config-v1';
export { CONFIG_SERVICE_NAME } from './config-v1';
export type { GrpcServiceRegistration } from './grpc-registration';
export { KAFKA_HEADERS, JSON_CONTENT_TYPE } from './events/headers';
export { TREASURE_SPAWNED_TOPIC, treasureSpawnedV1, type TreasureSpawnedV1 } from './events/treasure-spawned';
export { ulid, ulidTime } from './events/ulid';
export { latitudeSchema, longitudeSchema, shardIdSchema, slugSchema, ulidSchema } from './primitives';
export { LOOT_AWARDED_TOPIC, lootAwardedV1, type LootAwardedV1 } from './events/loot-awarded';
export type {
  ClaimRequest,
  ClaimResponse,
  GetPlayerRequest,
  GetPlayerResponse,
  GetLeaderboardRequest,
  GetLeaderboardResponse,
} from './loot-v1';
export { LOOT_SERVICE_NAME } from './loot-v1';
export {
  errorInfoOf,
  grpcErrorWithInfo,
  LOOT_ERROR_DOMAIN,
  STATUS_DETAILS_KEY,
  type ErrorInfo,
  type GrpcErrorStatus,
} from './error-info';
export { MIN_SERVICE_TOKEN_BYTES, SERVICE_TOKEN_METADATA_KEY, serviceTokenInterceptor } from './service-token';
export { SHARED_ERRORS, type HuntErrorSpec } from './error-codes';
