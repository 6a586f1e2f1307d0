/** Exit codes of every hunt-config command (documented in --help and the README). */
export const EXIT = {
  ok: 0,
  /** The config file is invalid (schema, syntax, or version not bumped). */
  invalid: 1,
  /** Wrong arguments or options. */
  usage: 2,
  /** A guardrail of [limits] is violated by the change and not acknowledged in [release]. */
  guardrail: 3,
} as const;

/** A usage mistake: printed with the command's help, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
