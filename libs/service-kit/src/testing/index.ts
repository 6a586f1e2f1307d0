export { runAppToExit, startAppProcess, startServiceProcess, TEST_PORTS, type AppProcess } from './app-process';
export { createOpsGrpcClients } from './grpc-clients';
export { describeServiceConformance } from './service-conformance';
export { testDeployment } from './test-deployment';
