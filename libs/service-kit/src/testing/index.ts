export { startAppProcess, startServiceProcess, runAppToExit, TEST_PORTS, type AppProcess } from './app-process';
export { createOpsGrpcClients } from './grpc-clients';
export { describeServiceConformance } from './service-conformance';
