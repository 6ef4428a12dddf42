import { BodyError, parseIngestBody } from '../../ingest/parse-body.js';
import { encodeSpoolRecord } from '../../spool/spool.js';
import { knownFindings } from '../known-findings.js';
import type { Pipeline } from '../pipeline.js';
import type { BodyJob, BodyResult, WireRecord } from './protocol.js';

/** Parse, validate and run the pipeline over one request body: the CPU-heavy half of ingest. */
export function processBody(pipeline: Pipeline, job: BodyJob): BodyResult {
  let batch;
  try {
    batch = parseIngestBody(job.text, job.contentType);
  } catch (e) {
    if (e instanceof BodyError) return { id: job.id, ok: false, bodyError: e.message };
    throw e;
  }
  const records: WireRecord[] = [];
  const clientIds: number[] = [];
  for (const v of batch.valid) {
    const out = pipeline.process(v.input, job.provenance, knownFindings(job.known?.[v.index]));
    if (!out) continue;
    if (v.input.id !== undefined) clientIds.push(records.length);
    const spoolLine = encodeSpoolRecord(out);
    records.push(
      out.sealed ? { event: out.event, sealed: out.sealed, spoolLine } : { event: out.event, spoolLine },
    );
  }
  return {
    id: job.id,
    ok: true,
    records,
    clientIds,
    errors: batch.errors,
    total: batch.total,
    validCount: batch.valid.length,
  };
}
