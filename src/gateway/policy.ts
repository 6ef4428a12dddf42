import type { GatewayConfig, GatewayPolicy } from '../config/gateway-schema.js';
import { policySchema } from '../config/gateway-schema.js';
import type { Finding } from '../detect/types.js';
import type { GuardrailAction } from '../events/schema.js';

const RANK: Record<GuardrailAction, number> = { allow: 0, flag: 1, redact: 2, block: 3 };
const BUILT_IN_DEFAULT = policySchema.parse({});

export function resolvePolicy(
  config: GatewayConfig,
  name: string | undefined,
): { name: string; policy: GatewayPolicy } {
  const chosen = name && config.policies[name] ? name : config.default_policy;
  return { name: chosen, policy: config.policies[chosen] ?? BUILT_IN_DEFAULT };
}

export interface Decision {
  action: GuardrailAction;
  /** Families whose rule fired, e.g. `injection`, `pii`. */
  families: string[];
  /** Strongest score among the findings that fired. */
  confidence: number;
  /** Findings whose family rule is `redact` (their spans are replaced). */
  redact: Finding[];
}

/** Applies one direction's rules: each family acts when its strongest finding reaches the threshold. */
export function decide(findings: readonly Finding[], rules: GatewayPolicy['prompt']): Decision {
  const best = new Map<string, number>();
  for (const f of findings) {
    const family = f.category.split('.', 1)[0]!;
    best.set(family, Math.max(best.get(family) ?? 0, f.score));
  }
  let action: GuardrailAction = 'allow';
  const families: string[] = [];
  let confidence = 0;
  const redactFamilies = new Set<string>();
  for (const [family, score] of best) {
    const rule = rules[family as keyof typeof rules];
    if (!rule || rule.action === 'allow' || score < rule.threshold) continue;
    families.push(family);
    confidence = Math.max(confidence, score);
    if (rule.action === 'redact') redactFamilies.add(family);
    if (RANK[rule.action] > RANK[action]) action = rule.action;
  }
  const redact = findings.filter((f) => redactFamilies.has(f.category.split('.', 1)[0]!) && f.end > f.start);
  return { action, families, confidence: Math.round(confidence * 1000) / 1000, redact };
}
