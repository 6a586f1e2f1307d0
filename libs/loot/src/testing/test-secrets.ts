/** The roll secret of tests (the harness's loot-service and the rolls tests expect). */
export const TEST_ROLL_SECRET = 'test-roll-secret-at-least-32-bytes-long';

/** The service token of tests: the harness's loot-service requires it, its client sends it. */
export const TEST_SERVICE_TOKEN = 'test-loot-service-token-at-least-32-bytes';
