import { describe, expect, it } from 'vitest';
import { BodyError, parseIngestBody } from './parse-body.js';

describe('ingest body parsing', () => {
  it('accepts one object, an array, and NDJSON', () => {
    expect(parseIngestBody('{"kind":"llm.call"}', 'application/json').valid).toHaveLength(1);
    expect(
      parseIngestBody('[{"kind":"llm.call"},{"kind":"llm.call"}]', 'application/json').valid,
    ).toHaveLength(2);
    const nd = parseIngestBody('{"kind":"llm.call"}\n\n{"kind":"llm.call"}\n', 'application/x-ndjson');
    expect(nd.valid.map((v) => v.index)).toEqual([0, 1]);
  });

  it('keeps the good records and reports each bad one by index and path', () => {
    const body = [
      '{"kind":"llm.call","caller":"a"}',
      '{"kind":"llm.call","llm":{"input_tokens":"ten"}}',
      '{"kind":"llm.call","caller":"b"}',
      '{broken',
      '[1,2]',
      '{"kind":"llm.call","caller":"c"}',
    ].join('\n');
    const r = parseIngestBody(body, 'application/x-ndjson');
    expect(r.valid.map((v) => v.input.caller)).toEqual(['a', 'b', 'c']);
    expect(r.errors).toEqual([
      { index: 1, path: 'llm.input_tokens', message: expect.stringMatching(/expected number/) },
      { index: 3, path: '', message: expect.stringMatching(/^line 4: invalid JSON/) },
      { index: 4, path: '', message: 'record must be a JSON object' },
    ]);
  });

  it('never quotes the body in a JSON error', () => {
    const secret = 'sk-proj-SECRETSECRETSECRET';
    expect(() => parseIngestBody(`{"kind": ${secret}}`, 'application/json')).toThrow(BodyError);
    try {
      parseIngestBody(`{"kind": ${secret}}`, 'application/json');
    } catch (e) {
      expect((e as Error).message).not.toContain('SECRET');
    }
    const nd = parseIngestBody(`{"a":1}\n${secret}`, 'application/x-ndjson');
    expect(JSON.stringify(nd.errors)).not.toContain('SECRET');
  });

  it('treats several JSON lines sent as application/json as NDJSON', () => {
    const r = parseIngestBody(
      '{"kind":"llm.call"}\n{"kind":"auth","auth":{"outcome":"allowed"}}',
      'application/json',
    );
    expect(r.valid).toHaveLength(2);
  });
});
