/** The roll secret of tests (the harness's loot-service and the rolls tests expect). */
export const TEST_ROLL_SECRET = 'test-roll-secret-at-least-32-bytes-long';
