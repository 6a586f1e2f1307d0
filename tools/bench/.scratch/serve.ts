import { loadConfigFile } from '@hunt/static-config';
import { startBaselineServer, expectedResponse } from '../config/grpc-servers';
const loaded = loadConfigFile('/work/main/config/hunt.toml');
const b = await startBaselineServer(expectedResponse(loaded, 'spawn.treasure_ttl_s'));
console.log(b.port);
setTimeout(() => void b.close(), 15000);
