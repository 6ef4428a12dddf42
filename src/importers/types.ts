import type { EventInput } from '../events/schema.js';

export const IMPORT_SOURCES = ['bedrock', 'cloudtrail', 'azure', 'vertex'] as const;
export type ImportSource = (typeof IMPORT_SOURCES)[number];

/** A mapped event before the importer gives it its id and source. */
export type MappedEvent = Omit<EventInput, 'id' | 'source'>;

export type MapOutcome =
  /** `key` is the provider's own identity of the record (CloudTrail eventID, Bedrock requestId). */
  | { events: MappedEvent[]; key?: string }
  /** A well-formed record this importer deliberately does not map; the reason is counted. */
  | { skip: string }
  /** The record does not have the shape the provider documents; reported with its line. */
  | { error: string };

/** One cloud provider's log format. Pure functions: no I/O, no clock, no randomness. */
export interface Importer {
  readonly source: ImportSource;
  /** The records inside one parsed JSON value: envelopes are opened, a bare record passes through. */
  records(value: unknown): unknown[];
  map(record: unknown): MapOutcome;
}
