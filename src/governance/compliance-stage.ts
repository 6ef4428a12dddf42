import type { SightlineConfig } from '../config/schema.js';
import type { Stage } from '../pipeline/types.js';
import { regionFinding } from './regions.js';

/** Raises `compliance.region` on events from regions their tenant may not use. */
export function complianceStage(config: SightlineConfig): Stage {
  const regions = config.governance.regions;
  return {
    name: 'compliance',
    process(w) {
      const f = regionFinding(regions, w.event);
      if (f) {
        w.event.findings.push(f);
        w.event.risk_score = Math.max(w.event.risk_score, 0.5);
      }
    },
  };
}
