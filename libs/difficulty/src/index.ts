/**
 * libs/difficulty: pure difficulty curves, (config, zone, time) -> parameters. No I/O, no
 * clock of its own (time is an argument), no Node-only imports: lint enforces all three.
 */
export { createDifficulty, type ZoneDifficulty } from './difficulty';
