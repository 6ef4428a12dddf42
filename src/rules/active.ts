import type { RulesConfig } from '../config/rules-schema.js';
import { builtInRulesDir, loadRules, type LoadedRules } from './loader.js';

/** The rule set a server runs: built-in pack plus configured folders, minus disabled ids. */
export function loadActiveRules(cfg: Pick<RulesConfig, 'dirs' | 'disabled'>): LoadedRules {
  const loaded = loadRules([builtInRulesDir(), ...cfg.dirs]);
  const off = new Set(cfg.disabled);
  return { ...loaded, rules: loaded.rules.map((r) => (off.has(r.id) ? { ...r, enabled: false } : r)) };
}
