import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizeText } from '../text/normalize.js';
import { InjectionClassifier } from './classifier.js';
import { extractFeatures } from './features.js';

const rows = readFileSync(new URL('../../../data/detect/corpus.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => (JSON.parse(l) as { text: string }).text);

describe('one-pass classifier scoring', () => {
  const model = InjectionClassifier.shipped();

  it('gives the same probability as scoring the extracted feature vector', () => {
    const texts = [
      ...rows.slice(0, 400),
      'aaaa'.repeat(3000),
      'ignore ignore ignore ignore',
      '',
      'é ü 日本語 ignore',
    ];
    for (const raw of texts) {
      const text = normalizeText(raw).text;
      expect(model.score(text)).toBeCloseTo(model.scoreFeatures(extractFeatures(text, model.buckets)), 5);
    }
  });

  it('leaves no state behind between texts', () => {
    const text = normalizeText(rows[0]!).text;
    const first = model.score(text);
    model.score(normalizeText(rows[1]!).text);
    expect(model.score(text)).toBe(first);
  });

  it('refuses a bucket count that is not a power of two', () => {
    expect(() => new InjectionClassifier(new Int8Array(1000), 1, 0)).toThrow(/power of two/);
  });
});
