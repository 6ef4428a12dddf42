import type { RecordError } from '../../client/ingest-client.js';
import type { SightlineConfig } from '../../config/schema.js';
import type { SightlineEvent } from '../../events/schema.js';
import type { KnownScan } from '../known-findings.js';
import type { Provenance } from '../stages/normalize.js';

/** What a pipeline worker is started with. Plain data: it crosses a thread boundary. */
export interface WorkerInit {
  config: SightlineConfig;
  keyDir: string;
  fingerprintKey: string;
}

export interface BodyJob {
  id: number;
  text: string;
  contentType: string | undefined;
  provenance: Provenance;
  /** Per body line: texts whose findings the sender computed already (trusted in-process senders). */
  known?: (KnownScan[] | undefined)[];
}

export interface WireRecord {
  event: SightlineEvent;
  sealed?: { keyId: string; blob: Uint8Array };
  /** The record's spool line, encoded here so the event loop does not stringify it again. */
  spoolLine: string;
}

export type BodyResult =
  | {
      id: number;
      ok: true;
      records: WireRecord[];
      /** Indexes into `records` whose id the client chose (candidates for duplicate checks). */
      clientIds: number[];
      errors: RecordError[];
      total: number;
      validCount: number;
    }
  | { id: number; ok: false; bodyError?: string; crash?: string };
