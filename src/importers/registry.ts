import { azureImporter } from './azure/map.js';
import { bedrockImporter } from './bedrock/map.js';
import { cloudTrailImporter } from './cloudtrail/map.js';
import type { Importer, ImportSource } from './types.js';
import { vertexImporter } from './vertex/map.js';

export const IMPORTERS: Record<ImportSource, Importer> = {
  bedrock: bedrockImporter,
  cloudtrail: cloudTrailImporter,
  azure: azureImporter,
  vertex: vertexImporter,
};
