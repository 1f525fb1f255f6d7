import { describe, expect, it } from 'vitest';
import type { Conversation } from '../../../shared/types';
import { ResumeCursor } from '../../../shared/resumeCursor';
import {
  compareBy, filterQuery, isUnread, matchesFilter, parseViewKey, selectList, stableOrder, titleUnread, upsertAll, viewCounts, viewKey,
  type ListFilter, type View,
} from './listMerge';

const ME = 7;

function conv(id: number, over: Partial<Conversation> = {}): Conversation {
  return {
    id, contact_id: 100 + id, status: 'open', priority: 'none', assignee_id: null, team_id: null, tags: [],
    last_seq: 1, created_at: 1000, updated_at: 1000 + id, first_reply_at: null, resolved_at: null, waiting_since: null,
    snoozed_until: null, visitor_last_read_seq: 0, agent_last_read_seq: 0,
    last_message: { body: 'hi', sender_type: 'visitor', created_at: 1000 }, csat_score: null, csat_comment: null,
    contact: { id: 100 + id, name: null, email: null, country: 'DE' },
    ...over,
  };
}

const filter = (view: View, over: Partial<ListFilter> = {}): ListFilter => ({ view, status: 'open', sort: 'newest', ...over });

describe('views', () => {
  it('filters per view and status', () => {
    const mine = conv(1, { assignee_id: ME });
    const other = conv(2, { assignee_id: 99, team_id: 3, tags: ['billing'] });
    const none = conv(3, { tags: ['vip'] });
    const resolved = conv(4, { status: 'resolved', assignee_id: ME });
    const all = [mine, other, none, resolved];
    const ids = (v: View, status: ListFilter['status'] = 'open') => all.filter((c) => matchesFilter(c, filter(v, { status }), ME)).map((c) => c.id);
    expect(ids({ kind: 'mine' })).toEqual([1]);
    expect(ids({ kind: 'unassigned' })).toEqual([3]);
    expect(ids({ kind: 'all' })).toEqual([1, 2, 3]);
    expect(ids({ kind: 'team', id: 3 })).toEqual([2]);
    expect(ids({ kind: 'tag', tag: 'vip' })).toEqual([3]);
    expect(ids({ kind: 'mine' }, 'resolved')).toEqual([4]);
  });

  it('round-trips view keys and builds the REST query', () => {
    for (const v of [{ kind: 'mine' }, { kind: 'all' }, { kind: 'team', id: 4 }, { kind: 'tag', tag: 'a b' }] as View[]) {
      expect(parseViewKey(viewKey(v))).toEqual(v);
    }
    expect(parseViewKey('nonsense')).toEqual({ kind: 'mine' });
    expect(filterQuery(filter({ kind: 'mine' }))).toBe('status=open&sort=newest&limit=50&assignee=me');
    expect(filterQuery(filter({ kind: 'unassigned' }, { sort: 'waiting' }), 'abc')).toBe('status=open&sort=waiting&limit=50&assignee=none&cursor=abc');
    expect(filterQuery(filter({ kind: 'tag', tag: 'vip' }))).toContain('tag=vip');
  });
});

describe('sorting', () => {
  const a = conv(1, { updated_at: 5000, waiting_since: 3000, priority: 'low' });
  const b = conv(2, { updated_at: 9000, waiting_since: 1000, priority: 'urgent' });
  const c = conv(3, { updated_at: 7000, waiting_since: null, priority: 'urgent' });
  const d = conv(4, { updated_at: 6000, waiting_since: 2000, priority: 'high' });
  const order = (s: ListFilter['sort']) => [a, b, c, d].sort(compareBy(s)).map((x) => x.id);

  it('newest: most recently updated first', () => expect(order('newest')).toEqual([2, 3, 4, 1]));
  it('waiting: longest waiting first, nobody waiting last', () => expect(order('waiting')).toEqual([2, 4, 1, 3]));
  it('priority: urgent first, then longest waiting', () => expect(order('priority')).toEqual([2, 3, 4, 1]));
});

describe('merging live events into the list', () => {
  it('applies each logged frame once, keeps the newer version, and re-sorts', () => {
    const cursor = new ResumeCursor(10, 'e1');
    let map = upsertAll(new Map(), [conv(1, { updated_at: 100 }), conv(2, { updated_at: 200 })]);
    const frames = [
      { offset: 11, conversation: conv(1, { updated_at: 300, last_seq: 2 }) },
      { offset: 11, conversation: conv(1, { updated_at: 300, last_seq: 2 }) }, // live + replay double
      { offset: 9, conversation: conv(2, { updated_at: 50 }) }, // older than the cursor
      { offset: 12, conversation: conv(3, { updated_at: 250 }) },
    ];
    let applied = 0;
    for (const f of frames) {
      if (!cursor.accept(f.offset)) continue;
      applied++;
      map = upsertAll(map, [f.conversation]);
    }
    expect(applied).toBe(2);
    expect(selectList(map, filter({ kind: 'all' }), ME).map((c) => c.id)).toEqual([1, 3, 2]);
    expect(map.get(1)!.last_seq).toBe(2);
  });

  it('never lets an older REST page overwrite a newer live version', () => {
    let map = upsertAll(new Map(), [conv(1, { updated_at: 500, status: 'resolved' })]);
    const same = upsertAll(map, [conv(1, { updated_at: 400, status: 'open' })]);
    expect(same).toBe(map);
    map = upsertAll(map, [conv(1, { updated_at: 600, status: 'open' })]);
    expect(map.get(1)!.status).toBe('open');
  });

  it('moves a conversation between views when it is assigned or resolved', () => {
    let map = upsertAll(new Map(), [conv(1), conv(2)]);
    const unassigned = () => selectList(map, filter({ kind: 'unassigned' }), ME).map((c) => c.id);
    const mine = () => selectList(map, filter({ kind: 'mine' }), ME).map((c) => c.id);
    expect(unassigned()).toEqual([2, 1]);
    map = upsertAll(map, [conv(1, { assignee_id: ME, updated_at: 5000 })]);
    expect(unassigned()).toEqual([2]);
    expect(mine()).toEqual([1]);
    map = upsertAll(map, [conv(1, { assignee_id: ME, status: 'resolved', updated_at: 6000 })]);
    expect(mine()).toEqual([]);
    expect(selectList(map, filter({ kind: 'mine' }, { status: 'resolved' }), ME).map((c) => c.id)).toEqual([1]);
  });

  it('counts open and unread conversations per view', () => {
    const map = upsertAll(new Map(), [
      conv(1, { assignee_id: ME, last_seq: 3, agent_last_read_seq: 3 }),
      conv(2, { assignee_id: ME, last_seq: 3, agent_last_read_seq: 1 }),
      conv(3, { team_id: 5, tags: ['vip'] }),
      conv(4, { status: 'resolved' }),
      conv(5, { assignee_id: 99, last_message: { body: 'x', sender_type: 'agent', created_at: 1 }, last_seq: 4 }),
    ]);
    const counts = viewCounts(map, [{ kind: 'mine' }, { kind: 'unassigned' }, { kind: 'all' }, { kind: 'team', id: 5 }, { kind: 'tag', tag: 'vip' }], ME);
    expect(counts.mine).toEqual({ open: 2, unread: 1 });
    expect(counts.unassigned).toEqual({ open: 1, unread: 1 });
    expect(counts.all).toEqual({ open: 4, unread: 2 });
    expect(counts['team:5']).toEqual({ open: 1, unread: 1 });
    expect(counts['tag:vip']).toEqual({ open: 1, unread: 1 });
    expect(titleUnread(map, ME)).toBe(2);
    expect(isUnread(map.get(5)!)).toBe(false);
  });
});

describe('stable order under the mouse', () => {
  it('keeps rows in place while frozen and tells how many changes wait', () => {
    expect(stableOrder([1, 2, 3], [4, 1, 2, 3], true)).toEqual({ order: [1, 2, 3], pending: 1 });
    expect(stableOrder([1, 2, 3], [2, 1, 3], true)).toEqual({ order: [1, 2, 3], pending: 1 });
    expect(stableOrder([1, 2, 3], [1, 2, 3], true)).toEqual({ order: [1, 2, 3], pending: 0 });
    expect(stableOrder([1, 2, 3], [4, 1, 2, 3], false)).toEqual({ order: [4, 1, 2, 3], pending: 0 });
  });

  // Issue 10, item 3: the mouse rested on the list while its first page loaded; the page's rows waited as
  // "5 updates" behind "No chats assigned to you".
  it('shows what a page brought even while frozen: an empty list has nothing to hold still', () => {
    expect(stableOrder([], [5, 4, 3, 2, 1], true)).toEqual({ order: [5, 4, 3, 2, 1], pending: 0 });
    expect(stableOrder([], [5, 4, 3, 2, 1], true, new Set([1, 2, 3, 4, 5]))).toEqual({ order: [5, 4, 3, 2, 1], pending: 0 });
  });

  it('lets "Load more" rows join below the held ones while live arrivals still wait', () => {
    // 1-3 shown; the agent clicked Load more (4, 5 listed); 9 arrived live meanwhile.
    expect(stableOrder([1, 2, 3], [9, 1, 2, 3, 4, 5], true, new Set([1, 2, 3, 4, 5]))).toEqual({ order: [1, 2, 3, 4, 5], pending: 1 });
    expect(stableOrder([1, 2, 3], [1, 2, 3, 4, 5], true, new Set([4, 5]))).toEqual({ order: [1, 2, 3, 4, 5], pending: 0 });
  });
});
