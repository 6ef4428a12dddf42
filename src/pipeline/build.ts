import { PriceTable } from '../config/prices.js';
import type { SightlineConfig } from '../config/schema.js';
import type { KeyProvider } from '../crypto/key-provider.js';
import { complianceStage } from '../governance/compliance-stage.js';
import { createDetectorRegistry, redactingDetectors } from '../detect/wiring.js';
import { setScrubDetectors } from '../privacy/scrub.js';
import { Pipeline } from './pipeline.js';

/**
 * The one place a pipeline is assembled from config. Ingest worker threads build theirs with this
 * same function, so any stage, hook or detector added here runs on every ingest path; anything
 * wired elsewhere would silently be skipped for events processed on a worker.
 */
export function createPipeline(config: SightlineConfig, keys: KeyProvider, fingerprintKey: Buffer): Pipeline {
  // The chokepoint for logs, errors and metadata uses the same redactors as the content tier.
  setScrubDetectors(redactingDetectors(config));
  return new Pipeline(
    {
      config,
      prices: PriceTable.withOverrides(config.prices),
      detectors: createDetectorRegistry(config),
      keys,
      fingerprintKey,
    },
    { afterDetect: [complianceStage(config)] },
  );
}
