import { isObject } from '../common.js';
import type { Importer } from '../types.js';
import { mapActivity } from './activity.js';
import { mapDiagnostic } from './diagnostic.js';
import { Fields } from './fields.js';

const DIAGNOSTIC = new Set(['requestresponse', 'audit', 'trace']);

/** Azure OpenAI diagnostic logs and Microsoft.CognitiveServices Activity Log entries, in one stream. */
export const azureImporter: Importer = {
  source: 'azure',
  records(value) {
    // Event Hubs and storage exports wrap records in `{"records":[...]}`; CLI output is an array.
    if (isObject(value) && Array.isArray(value.records)) return value.records;
    if (Array.isArray(value)) return value;
    return [value];
  },
  map(record) {
    if (!isObject(record)) return { error: 'not an Azure log record: expected a JSON object' };
    const f = new Fields(record);
    const category = (f.str('category', 'Category') ?? '').toLowerCase();
    if (DIAGNOSTIC.has(category)) return mapDiagnostic(f);
    return mapActivity(f);
  },
};
