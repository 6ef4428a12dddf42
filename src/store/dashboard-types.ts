import type { Role } from '../auth/roles.js';

/** The overview panels a store can compute; a query may ask for a subset. */
export const OVERVIEW_PANELS = [
  'content_filter_blocks',
  'tokens_by_identity',
  'callers',
  'error_rate_by_model',
  'cost_burn_rate',
  'suspicious_prompts',
  'changes',
  'access_denied',
  'model_performance',
  'team_usage',
] as const;
export type OverviewPanel = (typeof OVERVIEW_PANELS)[number];

export interface OverviewQuery {
  tenant?: string;
  /** Inclusive, ISO-8601. */
  from: string;
  /** Exclusive, ISO-8601. */
  to: string;
  /** Width of one time-series bucket. */
  bucketSeconds: number;
  /** Finding-category families that make a prompt "suspicious" (`injection`, `jailbreak`). */
  suspiciousFamilies: string[];
  /** Rows in the top-N tables and bar charts. */
  topN: number;
  panels?: readonly OverviewPanel[];
}

/** One bucket of a time series: `t` is the bucket start, ISO-8601. */
export interface Point {
  t: string;
  v: number;
}

export interface ModelSeries {
  model: string;
  points: Point[];
}

export interface SuspiciousPrompt {
  id: string;
  ts: string;
  caller?: string;
  model?: string;
  risk_score: number;
  categories: string[];
  guardrail_action?: string;
  has_content: boolean;
  trace_id?: string;
}

export interface ChangeEvent {
  id: string;
  ts: string;
  kind: string;
  caller?: string;
  deployment?: string;
  status: string;
  /** Metadata of the change (actor, action, resource, hashes): never content. */
  details: Record<string, unknown>;
}

export interface ModelPerformance {
  model: string;
  requests: number;
  /** Requests per minute over the range. */
  throughput_rpm: number;
  latency_avg_ms: number | null;
  latency_p95_ms: number | null;
  /** Share of calls that completed (`status = ok`). */
  completion_rate: number;
  error_rate: number;
}

export interface OverviewData {
  from: string;
  to: string;
  bucket_seconds: number;
  content_filter_blocks?: Point[];
  tokens_by_identity?: { caller: string; tokens: number; requests: number }[];
  callers?: { unique: number; new: number };
  error_rate_by_model?: ModelSeries[];
  /** USD over the last hour of the range, and per bucket (scaled to USD/hour). */
  cost_burn_rate?: { usd_per_hour: number; total_usd: number; points: Point[] };
  suspicious_prompts?: SuspiciousPrompt[];
  changes?: ChangeEvent[];
  access_denied?: Point[];
  model_performance?: ModelPerformance[];
  team_usage?: { team: string; tokens: number; cost_usd: number; requests: number }[];
}

/** A dashboard user who signs in with a password (API-key sign-in needs no record). */
export interface UserRecord {
  id: string;
  name: string;
  role: Role;
  tenant: string;
  team?: string;
  /** `scrypt$N$r$p$salt$hash`, base64 parts. */
  password_hash: string;
  created_at: string;
  disabled_at?: string;
}
