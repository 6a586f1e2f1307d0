import { status, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import {
  CONFIG_SERVICE_NAME,
  loadProto,
  PROTO_FILES,
  type ConfigGetRequest,
  type ConfigGetResponse,
  type GrpcServiceRegistration,
} from '@hunt/contracts';
import { createConfigLookup } from './config-lookup';
import type { LoadedConfig } from './load';

/**
 * `config.v1.ConfigService` over the running config. Reads are in-process map lookups: the
 * service adds nothing to the transport's own cost.
 */
export function createConfigGrpcService(loaded: LoadedConfig): GrpcServiceRegistration {
  const lookup = createConfigLookup(loaded.config);
  const Get = (
    call: ServerUnaryCall<ConfigGetRequest, ConfigGetResponse>,
    callback: sendUnaryData<ConfigGetResponse>,
  ) => {
    const key = call.request.key;
    const result = lookup(key);
    if (result.kind === 'found') {
      callback(null, {
        key,
        value_json: result.json,
        version: loaded.version,
        sha256: loaded.sha256,
      });
    } else if (result.kind === 'not-found') {
      callback({
        code: status.NOT_FOUND,
        details: `config key "${key}" not found in config version ${loaded.version}`,
      });
    } else {
      callback({
        code: status.INVALID_ARGUMENT,
        details: `key: ${result.reason}`,
      });
    }
  };
  return {
    packageDefinition: loadProto(PROTO_FILES.config),
    serviceName: CONFIG_SERVICE_NAME,
    implementation: { Get },
  };
}
