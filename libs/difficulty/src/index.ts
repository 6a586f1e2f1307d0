/**
 * libs/difficulty: pure difficulty curves, (config, zone, time) -> parameters.
 * This project is pure by contract: no node:* builtins, no I/O packages, no clock of its own
 * (the lint setup forbids them). The curves themselves arrive with the difficulty issue.
 */
export {};
