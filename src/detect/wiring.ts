import type { SightlineConfig } from '../config/schema.js';
import { basicPiiDetector } from './pii/basic-pii.js';
import { DetectorRegistry } from './registry.js';

/** The detectors the server runs for this config. */
export function createDetectorRegistry(_config: SightlineConfig): DetectorRegistry {
  return new DetectorRegistry([basicPiiDetector]);
}
