import { describe, expect, it } from 'vitest';
import { parseHash } from '../../stores/router';
import { phoneScreen } from './InboxPage';

// Issue 10, item 7: on a phone the inbox is one screen at a time, and each screen is a route (back works).
describe('phone screens', () => {
  const screen = (hash: string) => { const r = parseHash(hash); return phoneScreen(r.path, r.query); };
  it('maps routes to the stacked screens', () => {
    expect(screen('#/inbox?view=mine')).toBe('list');
    expect(screen('#/inbox/views?view=mine')).toBe('views');
    expect(screen('#/inbox?view=all&c=12')).toBe('conversation');
    expect(screen('#/inbox?view=all&c=12&details=1')).toBe('details');
    expect(screen('#/inbox?c=nonsense')).toBe('list');
  });
});
