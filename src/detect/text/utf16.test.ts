import { describe, expect, it } from 'vitest';
import { codeUnitsOf } from './utf16.js';

describe('codeUnitsOf', () => {
  it('holds exactly the code units of the text, then a 0', () => {
    const text = 'ignore ÀÉ 你好 \ud83d\ude00 \ud800 end';
    const units = codeUnitsOf(text);
    for (let i = 0; i < text.length; i++) expect(units[i]).toBe(text.charCodeAt(i));
    expect(units[text.length]).toBe(0);
  });

  it('stops at the limit and grows for long texts', () => {
    const long = 'ab'.repeat(20_000);
    const units = codeUnitsOf(long, 30_000);
    expect(units[29_999]).toBe('b'.charCodeAt(0));
    expect(units[30_000]).toBe(0);
    // A shorter text after a longer one leaves no stale unit where the loop may look.
    expect(codeUnitsOf('xy')[2]).toBe(0);
  });
});
