/** Wire types of config.v1 (config.proto), as grpc-js delivers them with PROTO_LOADER_OPTIONS. */
export interface ConfigGetRequest {
  key: string;
}

export interface ConfigGetResponse {
  key: string;
  value_json: string;
  version: number;
  sha256: string;
}

export const CONFIG_SERVICE_NAME = 'config.v1.ConfigService';
