import { describe, expect, it } from 'vitest';
import { helpfulness, share } from './botReport';

describe('bot report words', () => {
  it('says a share of a whole, and nothing of an empty whole', () => {
    expect(share(2, 5)).toBe('40 %');
    expect(share(1, 3)).toBe('33 %');
    expect(share(0, 4)).toBe('0 %');
    expect(share(0, 0)).toBe('');
  });
  it('says how helpful an article was, by its votes', () => {
    expect(helpfulness(0, 0)).toBe('No votes yet');
    expect(helpfulness(1, 0)).toBe('1 vote: helpful');
    expect(helpfulness(0, 1)).toBe('1 vote: not helpful');
    expect(helpfulness(3, 1)).toBe('75 % found it helpful (4 votes)');
  });
});
