/**
 * Numbered, append-only ClickHouse schema migrations; a released one is never edited. `{db}` is the
 * configured database (validated as an identifier before use). Events are partitioned by day so
 * retention drops whole partitions, and ordered by (tenant, ts, id): the dashboard and the rules
 * read time ranges per tenant. Metadata and content are separate tables (separate retention).
 * `non_replicated_deduplication_window` makes a retried insert with the same
 * `insert_deduplication_token` a no-op on a single server; Replicated* tables deduplicate anyway.
 */
export const CH_MIGRATIONS: { version: number; name: string; sql: string[] }[] = [
  {
    version: 1,
    name: 'initial tiers, audit and state',
    sql: [
      `CREATE TABLE IF NOT EXISTS {db}.events (
        id String, ts DateTime64(3, 'UTC'), kind LowCardinality(String), tenant LowCardinality(String),
        trace_id Nullable(String), span_id Nullable(String), parent_span_id Nullable(String),
        session_id Nullable(String), caller Nullable(String), team Nullable(String),
        auth_method Nullable(String), source_ip Nullable(String), user_agent Nullable(String),
        source LowCardinality(String), provider Nullable(String), model Nullable(String),
        deployment Nullable(String), region Nullable(String), status LowCardinality(String),
        error_code Nullable(String), latency_ms Nullable(Float64), operation Nullable(String),
        input_tokens Nullable(Int64), output_tokens Nullable(Int64), total_tokens Nullable(Int64),
        cost_usd Nullable(Float64), ttft_ms Nullable(Float64), guardrail_action Nullable(String),
        risk_score Float64, categories String, findings String,
        input_hash Nullable(String), output_hash Nullable(String), input_stats Nullable(String),
        output_stats Nullable(String), details Nullable(String), attributes Nullable(String),
        has_content Bool, ingested_at DateTime64(3, 'UTC'),
        INDEX id_bf id TYPE bloom_filter GRANULARITY 4
      ) ENGINE = MergeTree PARTITION BY toYYYYMMDD(ts) ORDER BY (tenant, ts, id)
      SETTINGS non_replicated_deduplication_window = 10000`,
      `CREATE TABLE IF NOT EXISTS {db}.event_content (
        id String, ts DateTime64(3, 'UTC'), tenant LowCardinality(String), key_id String, sealed String
      ) ENGINE = MergeTree PARTITION BY toYYYYMMDD(ts) ORDER BY (tenant, id)
      SETTINGS non_replicated_deduplication_window = 10000`,
      `CREATE TABLE IF NOT EXISTS {db}.audit_log (
        seq UInt64, ts DateTime64(3, 'UTC'), actor String, action String, target String,
        details String, prev_hash String, hash String
      ) ENGINE = ReplacingMergeTree ORDER BY seq`,
      `CREATE TABLE IF NOT EXISTS {db}.state (key String, value String, version UInt64)
      ENGINE = ReplacingMergeTree(version) ORDER BY key`,
    ],
  },
  {
    version: 3,
    name: 'dashboard users',
    sql: [
      `CREATE TABLE IF NOT EXISTS {db}.dashboard_users (
        id String, name String, role String, tenant String, team Nullable(String), password_hash String,
        created_at DateTime64(3, 'UTC'), disabled_at Nullable(DateTime64(3, 'UTC'))
      ) ENGINE = MergeTree ORDER BY (name, created_at)`,
    ],
  },
  {
    version: 4,
    name: 'scheduler leases',
    sql: [
      // Every claim is a row; the holder is the earliest claim of the newest term (see lease.ts).
      `CREATE TABLE IF NOT EXISTS {db}.leases (
        name String, term UInt64, holder String, claimed_at DateTime64(6, 'UTC') DEFAULT now64(6),
        expires_ms Int64
      ) ENGINE = MergeTree ORDER BY (name, term, claimed_at, holder)`,
    ],
  },
  {
    version: 5,
    name: 'alerts and notification deliveries',
    sql: [
      // Alerts change (acknowledged, commented, grouped): each save is a new row and the newest
      // version wins, read with FINAL. Filterable fields are columns, the rest one JSON body.
      `CREATE TABLE IF NOT EXISTS {db}.alerts (
        id String, tenant LowCardinality(String), rule_id String, severity LowCardinality(String),
        status LowCardinality(String), dedupe_key String, created_at DateTime64(3, 'UTC'),
        version UInt64, body String
      ) ENGINE = ReplacingMergeTree(version) ORDER BY (tenant, id)`,
      `CREATE TABLE IF NOT EXISTS {db}.alert_deliveries (
        id String, alert_id String, status LowCardinality(String), created_at DateTime64(3, 'UTC'),
        version UInt64, body String
      ) ENGINE = ReplacingMergeTree(version) ORDER BY id`,
    ],
  },
  {
    version: 6,
    name: 'store position for the rules tail',
    sql: [
      // The server's insert time: the order in which rows become readable on every node, which
      // the node-assigned ingested_at is not (spool backlogs, clock skew). Old rows take their
      // ingested_at, written to disk before the expression becomes now64(3), since a MATERIALIZED
      // column missing from a part is computed at read time.
      `ALTER TABLE {db}.events ADD COLUMN IF NOT EXISTS stored_at DateTime64(3, 'UTC') MATERIALIZED ingested_at`,
      `ALTER TABLE {db}.events MATERIALIZE COLUMN stored_at SETTINGS mutations_sync = 2`,
      `ALTER TABLE {db}.events MODIFY COLUMN stored_at DateTime64(3, 'UTC') MATERIALIZED now64(3)`,
      // The tail reads only recent positions; min/max per granule skips everything older.
      `ALTER TABLE {db}.events ADD INDEX IF NOT EXISTS stored_at_mm stored_at TYPE minmax GRANULARITY 1`,
      `ALTER TABLE {db}.events MATERIALIZE INDEX stored_at_mm SETTINGS mutations_sync = 2`,
    ],
  },
];
