import type { OverviewData } from '../../src/store/dashboard-types.js';

/** Shapes the server returns. Panel shapes come from the store's own types; the rest is kept loose. */
export interface Me {
  principal: string;
  role: string;
  tenant: string;
  team?: string;
  permissions: string[];
}

export interface Finding {
  category: string;
  detector: string;
  score: number;
  field?: string;
}

export interface EventRow {
  id: string;
  ts: string;
  kind: string;
  tenant: string;
  trace_id?: string;
  span_id?: string;
  parent_span_id?: string;
  caller?: string;
  team?: string;
  source_ip?: string;
  source: string;
  model?: string;
  deployment?: string;
  status: string;
  error_code?: string;
  latency_ms?: number;
  risk_score: number;
  findings: Finding[];
  has_content: boolean;
  llm?: { total_tokens?: number; cost_usd?: number; guardrail_action?: string; operation?: string };
  tool?: { name: string; duration_ms?: number };
  egress?: { destination: string; status_code?: number };
  retrieval?: { source?: string; access_decision?: string };
  guardrail?: { action: string; policy?: string };
  control?: { action: string; actor?: string; resource?: string };
  [key: string]: unknown;
}

export interface Threshold {
  warning: number;
  critical: number;
  direction: 'above' | 'below';
}

export type { Point } from '../../src/store/dashboard-types.js';

/** The overview as the API sends it: the store's panels plus the page's settings. */
export interface Overview extends OverviewData {
  hidden: string[];
  thresholds: Record<string, Threshold>;
}
