/**
 * An infrastructure server could not be had. The message always says what to
 * install or fix; callers print it and exit non-zero, never skip silently.
 */
export class InfraError extends Error {
  override name = 'InfraError';
}
