import { describe, expect, it } from 'vitest';
import { createStore } from '../server.js';
import { ConfigError, parseConfig } from './load.js';

describe('store config', () => {
  it('defaults to DuckDB and keeps path-only configs working', () => {
    expect(parseConfig({}).store).toEqual({ engine: 'duckdb', path: 'sightline.duckdb' });
    expect(parseConfig({ store: { path: 'x.duckdb' } }).store).toEqual({
      engine: 'duckdb',
      path: 'x.duckdb',
    });
  });

  it('switches to ClickHouse with url, database, user and a password from the environment', () => {
    const config = parseConfig({
      store: {
        engine: 'clickhouse',
        url: 'http://ch:8123',
        database: 'sl',
        user: 'u',
        password_env: 'CH_PW',
      },
    });
    expect(config.store).toMatchObject({ engine: 'clickhouse', url: 'http://ch:8123', database: 'sl' });
    expect(createStore(config, { CH_PW: 'pw' }).engine).toBe('clickhouse');
    expect(() => createStore(config, {})).toThrow(/CH_PW is not set/);
  });

  it('names the bad field', () => {
    const bad = () => parseConfig({ store: { engine: 'clickhouse', database: 'a;drop' } });
    expect(bad).toThrow(ConfigError);
    expect(bad).toThrow(/store\.database/);
  });
});
