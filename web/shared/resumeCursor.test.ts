import { describe, expect, it } from 'vitest';
import { ResumeCursor } from './resumeCursor';

describe('ResumeCursor', () => {
  it('reloads on the first welcome and starts at the server offset', () => {
    const c = new ResumeCursor();
    expect(c.onWelcome('e1', 42, false)).toEqual({ action: 'reload', after: 42 });
    expect(c.cursor).toBe(42);
    expect(c.accept(42)).toBe(false);
    expect(c.accept(43)).toBe(true);
  });

  it('resumes after the last contiguous offset, never skipping a gap', () => {
    const c = new ResumeCursor(10, 'e1');
    expect(c.accept(11)).toBe(true);
    expect(c.accept(13)).toBe(true); // 12 not seen yet (a live frame overtook the replay)
    expect(c.cursor).toBe(11);
    expect(c.highest).toBe(13);
    expect(c.onWelcome('e1', 99, true)).toEqual({ action: 'resume', after: 11 });
    expect(c.accept(12)).toBe(true);
    expect(c.accept(13)).toBe(false); // the replay resends it: dropped
    expect(c.cursor).toBe(13);
  });

  it('drops duplicates and frames at or below the cursor', () => {
    const c = new ResumeCursor(5, 'e');
    expect(c.accept(5)).toBe(false);
    expect(c.accept(3)).toBe(false);
    expect(c.accept(6)).toBe(true);
    expect(c.accept(6)).toBe(false);
    expect(c.accept(undefined)).toBe(true); // typing/read/presence carry no offset
  });

  it('jumps over gaps when resume.done vouches for them', () => {
    const c = new ResumeCursor(0, 'e');
    c.accept(1);
    c.accept(4);
    expect(c.cursor).toBe(1);
    c.done(3);
    expect(c.cursor).toBe(4);
    c.done(2); // an older done never moves it back
    expect(c.cursor).toBe(4);
  });

  it('reloads when the epoch changed (another database)', () => {
    const c = new ResumeCursor(100, 'old');
    expect(c.onWelcome('new', 7, true)).toEqual({ action: 'reload', after: 7 });
    expect(c.cursor).toBe(7);
    expect(c.epoch).toBe('new');
    expect(c.accept(8)).toBe(true);
  });

  it('reset puts the cursor at the given floor and forgets what was above', () => {
    const c = new ResumeCursor(1, 'e');
    c.accept(3);
    c.reset('e', 50);
    expect(c.cursor).toBe(50);
    expect(c.accept(3)).toBe(false);
    expect(c.accept(51)).toBe(true);
  });
});
