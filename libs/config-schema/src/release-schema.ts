import { z } from 'zod';
import { finite, text } from './schema-primitives';

/**
 * `[release]`: a designer's explicit acknowledgement of a change that trips a guardrail of
 * `hunt-config diff`. It must name the exact key and both values, so an acknowledgement of one
 * change can never wave through another.
 */
const scalar = (what: string) =>
  z.union([finite(what), z.string(), z.boolean()], { error: `${what} must be a number, string or boolean` });

export const acknowledgementSchema = z.strictObject({
  /** Dotted key path of the changed knob, e.g. "spawn.base_rate_per_s". */
  key: text,
  /** The old value; omit when the key did not exist before (a new zone or window). */
  from: scalar('from').optional(),
  to: scalar('to'),
  reason: text,
});

export const releaseSchema = z.strictObject({
  acknowledge: z.array(acknowledgementSchema).default([]),
});

export type Acknowledgement = z.output<typeof acknowledgementSchema>;
