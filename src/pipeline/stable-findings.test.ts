import { describe, expect, it } from 'vitest';
import type { Finding } from '../detect/types.js';
import { StableFindings } from './stable-findings.js';

const prompt = `You are the support assistant. ${'Answer politely and cite the policy. '.repeat(10)}`;
const finding: Finding = {
  category: 'pii.email',
  detector: 'pii',
  field: 'system_prompt',
  score: 0.9,
  start: 0,
  end: 5,
  redact: true,
};

describe('StableFindings', () => {
  it('scans a repeated system prompt once and serves the same findings to every repeat', () => {
    const stable = new StableFindings();
    let scans = 0;
    const scan = () => (scans++, [finding]);
    const first = stable.run(prompt, { field: 'system_prompt' }, scan);
    const second = stable.run(prompt, { field: 'system_prompt' }, scan);
    expect(scans).toBe(1);
    expect(second).toBe(first);
    expect(second).toEqual([finding]);
  });

  it('always scans other fields and short texts, whose findings depend on context or cost little', () => {
    const stable = new StableFindings();
    let scans = 0;
    const scan = () => (scans++, []);
    stable.run(prompt, { field: 'response', canaries: ['sl-canary-1'] }, scan);
    stable.run(prompt, { field: 'response', canaries: ['sl-canary-1'] }, scan);
    stable.run(prompt, { field: 'prompt' }, scan);
    stable.run(prompt, { field: 'prompt' }, scan);
    stable.run('You are brief.', { field: 'system_prompt' }, scan);
    stable.run('You are brief.', { field: 'system_prompt' }, scan);
    expect(scans).toBe(6);
  });

  it('keeps the prompts in use and forgets the least recently used beyond its bound', () => {
    const stable = new StableFindings(2);
    let scans = 0;
    const scan = () => (scans++, []);
    const a = `${prompt} A`;
    const b = `${prompt} B`;
    const c = `${prompt} C`;
    stable.run(a, { field: 'system_prompt' }, scan);
    stable.run(b, { field: 'system_prompt' }, scan);
    stable.run(a, { field: 'system_prompt' }, scan); // a is now the most recent
    stable.run(c, { field: 'system_prompt' }, scan); // evicts b
    expect(scans).toBe(3);
    stable.run(a, { field: 'system_prompt' }, scan);
    expect(scans).toBe(3);
    stable.run(b, { field: 'system_prompt' }, scan);
    expect(scans).toBe(4);
  });
});
