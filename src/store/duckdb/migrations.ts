/**
 * Numbered, append-only schema migrations. A released migration is never edited: add the next one.
 * Metadata and content are separate tables so they can have separate retention and access.
 */
export const MIGRATIONS: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'initial tiers, audit and state',
    sql: `
      CREATE TABLE events (
        id VARCHAR NOT NULL,
        ts TIMESTAMP NOT NULL,
        kind VARCHAR NOT NULL,
        tenant VARCHAR NOT NULL,
        trace_id VARCHAR, span_id VARCHAR, parent_span_id VARCHAR, session_id VARCHAR,
        caller VARCHAR, team VARCHAR, auth_method VARCHAR, source_ip VARCHAR, user_agent VARCHAR,
        source VARCHAR NOT NULL, provider VARCHAR, model VARCHAR, deployment VARCHAR, region VARCHAR,
        status VARCHAR NOT NULL, error_code VARCHAR, latency_ms DOUBLE,
        operation VARCHAR, input_tokens BIGINT, output_tokens BIGINT, total_tokens BIGINT,
        cost_usd DOUBLE, ttft_ms DOUBLE, guardrail_action VARCHAR,
        risk_score DOUBLE NOT NULL,
        categories VARCHAR NOT NULL,
        findings VARCHAR NOT NULL,
        input_hash VARCHAR, output_hash VARCHAR, input_stats VARCHAR, output_stats VARCHAR,
        details VARCHAR, attributes VARCHAR,
        has_content BOOLEAN NOT NULL,
        ingested_at TIMESTAMP NOT NULL
      );
      CREATE TABLE event_content (
        id VARCHAR NOT NULL,
        ts TIMESTAMP NOT NULL,
        tenant VARCHAR NOT NULL,
        key_id VARCHAR NOT NULL,
        sealed BLOB NOT NULL
      );
      CREATE TABLE audit_log (
        seq BIGINT NOT NULL PRIMARY KEY,
        ts TIMESTAMP NOT NULL,
        actor VARCHAR NOT NULL,
        action VARCHAR NOT NULL,
        target VARCHAR NOT NULL,
        details VARCHAR NOT NULL,
        prev_hash VARCHAR NOT NULL,
        hash VARCHAR NOT NULL
      );
      CREATE TABLE state (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL, updated_at TIMESTAMP NOT NULL);
    `,
  },
  {
    version: 2,
    name: 'alerts and notification deliveries',
    sql: `
      CREATE TABLE alerts (
        id VARCHAR NOT NULL PRIMARY KEY,
        tenant VARCHAR NOT NULL,
        rule_id VARCHAR NOT NULL,
        severity VARCHAR NOT NULL,
        status VARCHAR NOT NULL,
        dedupe_key VARCHAR NOT NULL,
        created_at TIMESTAMP NOT NULL,
        body VARCHAR NOT NULL
      );
      CREATE TABLE alert_deliveries (
        id VARCHAR NOT NULL PRIMARY KEY,
        alert_id VARCHAR NOT NULL,
        status VARCHAR NOT NULL,
        created_at TIMESTAMP NOT NULL,
        body VARCHAR NOT NULL
      );
    `,
  },
  {
    version: 3,
    name: 'dashboard users',
    sql: `
      CREATE TABLE dashboard_users (
        id VARCHAR NOT NULL PRIMARY KEY,
        name VARCHAR NOT NULL UNIQUE,
        role VARCHAR NOT NULL,
        tenant VARCHAR NOT NULL,
        team VARCHAR,
        password_hash VARCHAR NOT NULL,
        created_at TIMESTAMP NOT NULL,
        disabled_at TIMESTAMP
      );
    `,
  },
];
