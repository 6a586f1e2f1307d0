import { z } from 'zod';
import { finite, text } from './schema-primitives';

/**
 * `[release]`: a designer's explicit acknowledgement of a change that trips a guardrail of
 * `hunt-config diff`. It must name the exact key and both values, so an acknowledgement of one
 * change can never wave through another.
 */
export const acknowledgementSchema = z.strictObject({
  /** Dotted key path of the changed knob, e.g. "spawn.base_rate_per_s". */
  key: text,
  from: finite('from'),
  to: finite('to'),
  reason: text,
});

export const releaseSchema = z.strictObject({
  acknowledge: z.array(acknowledgementSchema).default([]),
});

export type Acknowledgement = z.output<typeof acknowledgementSchema>;
