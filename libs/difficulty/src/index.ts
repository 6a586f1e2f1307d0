/**
 * libs/difficulty: pure difficulty curves, (config, zone, time) -> parameters. No I/O, no
 * clock of its own (time is an argument), no Node-only imports: lint enforces all three.
 */
export { createDifficulty, difficultyAt, type Difficulty, type ZoneDifficulty } from './difficulty';
export { evaluateCurve, compileCurve, type CompiledCurve } from './curve';
export { minuteOfWeek, MINUTES_PER_WEEK } from './windows';
