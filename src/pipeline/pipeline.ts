import type { ValidEventInput } from '../events/schema.js';
import { detectStage } from './stages/detect.js';
import { enrichStage } from './stages/enrich.js';
import { normalize, type Provenance } from './stages/normalize.js';
import { redactStage } from './stages/redact.js';
import { routeStage } from './stages/route.js';
import { scrubMetadataStage } from './stages/scrub-metadata.js';
import type { KnownFindings } from './known-findings.js';
import type { PipelineContext, ProcessedEvent, Stage, WorkingEvent } from './types.js';

/**
 * normalize → enrich → detect → redact → route, synchronously per event: every stage is CPU-only,
 * so batching happens around the pipeline (spool and store), not inside it.
 */
export class Pipeline {
  private readonly stages: Stage[];

  constructor(
    private readonly ctx: PipelineContext,
    extra: { afterDetect?: Stage[] } = {},
  ) {
    this.stages = [
      enrichStage.create(enrichStage.configSchema.parse({}), ctx),
      detectStage.create(detectStage.configSchema.parse({}), ctx),
      ...(extra.afterDetect ?? []),
      redactStage.create(redactStage.configSchema.parse({}), ctx),
      scrubMetadataStage(),
      routeStage.create(routeStage.configSchema.parse({}), ctx),
    ];
  }

  /** Returns undefined when a stage dropped the event on purpose. */
  process(
    input: ValidEventInput,
    provenance: Provenance = {},
    known?: KnownFindings,
  ): ProcessedEvent | undefined {
    const w = normalize(input, provenance, 'default');
    if (known) w.known = known;
    return this.run(w);
  }

  run(w: WorkingEvent): ProcessedEvent | undefined {
    for (const s of this.stages) if (s.process(w) === false) return undefined;
    return { event: w.event, sealed: w.sealed };
  }

  get context(): PipelineContext {
    return this.ctx;
  }
}
