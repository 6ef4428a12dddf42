/** Shapes the server returns. Kept loose where other features own the shape. */
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

export interface Point {
  t: string;
  v: number;
}

export interface Overview {
  from: string;
  to: string;
  bucket_seconds: number;
  hidden: string[];
  thresholds: Record<string, Threshold>;
  content_filter_blocks?: Point[];
  tokens_by_identity?: { caller: string; tokens: number; requests: number }[];
  callers?: { unique: number; new: number };
  error_rate_by_model?: { model: string; points: Point[] }[];
  cost_burn_rate?: { usd_per_hour: number; total_usd: number; points: Point[] };
  suspicious_prompts?: {
    id: string;
    ts: string;
    caller?: string;
    model?: string;
    risk_score: number;
    categories: string[];
    guardrail_action?: string;
    has_content: boolean;
    trace_id?: string;
  }[];
  changes?: {
    id: string;
    ts: string;
    kind: string;
    caller?: string;
    deployment?: string;
    status: string;
    details: Record<string, unknown>;
  }[];
  access_denied?: Point[];
  model_performance?: {
    model: string;
    requests: number;
    throughput_rpm: number;
    latency_avg_ms: number | null;
    latency_p95_ms: number | null;
    completion_rate: number;
    error_rate: number;
  }[];
  team_usage?: { team: string; tokens: number; cost_usd: number; requests: number }[];
}
