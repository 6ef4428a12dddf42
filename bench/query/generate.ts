import { DuckDBInstance, DuckDBTimestampValue, type DuckDBAppender } from '@duckdb/node-api';
import { EVENT_COLUMNS } from '../../src/store/duckdb/row.js';

const MODELS = [
  'gpt-4o',
  'gpt-4o-mini',
  'o3-mini',
  'claude-3-5-sonnet',
  'claude-3-haiku',
  'gemini-1.5-pro',
  'llama-3-70b',
  'mistral-large',
];
const TEAMS = ['search', 'support', 'analytics', 'research', 'growth', 'platform', 'legal', 'finance'];
const CATEGORIES = ['|injection.override|', '|jailbreak.roleplay|', '|pii.email|', '|secret.aws_access_key|'];

/** Deterministic xorshift, so two runs generate the same data. */
function rng(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

const nullN = (a: DuckDBAppender, n: number) => {
  for (let i = 0; i < n; i++) a.appendNull();
};

/**
 * Appends `count` events spread evenly (in time order, as ingest writes them) over `days` ending
 * at `end`, straight into the `events` table of an already-migrated database file.
 */
export async function generate(
  path: string,
  count: number,
  days: number,
  end: number,
  onProgress?: (n: number) => void,
) {
  if (EVENT_COLUMNS.length !== 39) throw new Error('events columns changed: update bench/query/generate.ts');
  const instance = await DuckDBInstance.create(path);
  const conn = await instance.connect();
  const rand = rng(42);
  const start = end - days * 86_400_000;
  const step = (end - start) / count;
  const a = await conn.createAppender('events');
  const ingested = new DuckDBTimestampValue(BigInt(end) * 1000n);
  for (let i = 0; i < count; i++) {
    const r = rand();
    const ts = new DuckDBTimestampValue(BigInt(Math.floor(start + i * step)) * 1000n);
    const control = r < 0.0005;
    const denied = !control && r < 0.0025;
    const llm = !control && !denied;
    const blocked = llm && r < 0.0055;
    const error = llm && !blocked && r > 0.99;
    const callerN = Math.floor(rand() * rand() * 2000);
    a.appendVarchar(`e${i}`);
    a.appendTimestamp(ts);
    a.appendVarchar(control ? 'control' : denied ? 'auth' : 'llm.call');
    a.appendVarchar('default');
    nullN(a, 4); // trace, span, parent, session
    a.appendVarchar(`caller-${callerN}`);
    a.appendVarchar(TEAMS[callerN % TEAMS.length]!);
    a.appendVarchar('api_key');
    a.appendVarchar(`10.${callerN % 250}.${i % 250}.1`);
    a.appendNull(); // user agent
    a.appendVarchar('gateway');
    a.appendVarchar('openai');
    const model = MODELS[Math.floor(rand() * MODELS.length)]!;
    if (llm) a.appendVarchar(model);
    else a.appendNull();
    a.appendVarchar('prod');
    a.appendVarchar('us-east-1');
    a.appendVarchar(blocked ? 'blocked' : error ? 'error' : denied ? 'denied' : 'ok');
    if (error) a.appendVarchar('rate_limited');
    else a.appendNull();
    a.appendDouble(100 + rand() * 2000);
    if (llm) {
      const inTok = Math.floor(200 + rand() * 3000);
      const outTok = Math.floor(50 + rand() * 800);
      a.appendVarchar('chat');
      a.appendBigInt(BigInt(inTok));
      a.appendBigInt(BigInt(outTok));
      a.appendBigInt(BigInt(inTok + outTok));
      a.appendDouble((inTok * 2.5 + outTok * 10) / 1e6);
      a.appendDouble(50 + rand() * 400);
      if (blocked) a.appendVarchar('block');
      else a.appendVarchar('allow');
    } else nullN(a, 7);
    const cat = blocked ? CATEGORIES[i % 2]! : r > 0.998 ? CATEGORIES[2 + (i % 2)]! : '';
    a.appendDouble(cat ? 0.9 : rand() * 0.2);
    a.appendVarchar(cat);
    a.appendVarchar(
      cat
        ? `[{"category":"${cat.slice(1, -1)}","detector":"bench","score":0.9,"field":"prompt","start":0,"end":5}]`
        : '[]',
    );
    nullN(a, 4); // hashes, stats
    if (control) a.appendVarchar('{"action":"deployment.update","actor":"ops","resource":"prod-chat"}');
    else a.appendNull();
    a.appendNull(); // attributes
    a.appendBoolean(false);
    a.appendTimestamp(ingested);
    a.endRow();
    if (i % 500_000 === 499_999) {
      a.flushSync();
      onProgress?.(i + 1);
    }
  }
  a.closeSync();
  conn.closeSync();
  instance.closeSync();
}
