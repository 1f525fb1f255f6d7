import { describe, expect, it } from 'vitest';
import type { Contact } from '../../../shared/types';
import { mergePresence } from './presenceMerge';

function contact(id: number, over: Partial<Contact> = {}): Contact {
  return { id, name: `V${id}`, online: true, current_url: '/', current_title: 'Home', ...over } as Contact;
}

// The dashboard keeps when the current page changed next to the contact (not part of the API type).
const pageAt = (c: Contact | undefined) => (c as (Contact & { last_page_at?: number }) | undefined)?.last_page_at;

describe('mergePresence', () => {
  it('applies a burst in one pass, the latest change per visitor winning', () => {
    const contacts = new Map([[1, contact(1)], [2, contact(2)]]);
    const list = [contact(1), contact(2), contact(3)];
    const r = mergePresence(contacts, list, [
      { contact_id: 1, online: true, url: '/pricing', title: 'Pricing' },
      { contact_id: 2, online: false },
      { contact_id: 1, online: true, url: '/checkout', title: 'Checkout' },
      { contact_id: 4, online: true, url: '/' },
      { contact_id: 5, online: false },
    ], 1234);
    expect(r.list.map((c) => c.id)).toEqual([1, 3]);
    expect(r.list[0].current_url).toBe('/checkout');
    expect(r.contacts.get(1)?.current_url).toBe('/checkout');
    expect(pageAt(r.contacts.get(1))).toBe(1234);
    expect(r.contacts.get(2)?.online).toBe(false);
    expect(r.contacts.has(4)).toBe(false);
    expect(r.unknownOnline).toBe(1);
  });

  it('keeps the same objects when nothing it holds changed', () => {
    const contacts = new Map([[1, contact(1)]]);
    const list = [contact(1)];
    const r = mergePresence(contacts, list, [{ contact_id: 9, online: false }], 0);
    expect(r.contacts).toBe(contacts);
    expect(r.list).toBe(list);
    expect(r.unknownOnline).toBe(0);
  });

  it('does not mark a page change when the url is the same', () => {
    const contacts = new Map([[1, contact(1, { current_url: '/a' })]]);
    const r = mergePresence(contacts, [], [{ contact_id: 1, online: true, url: '/a' }], 99);
    expect(pageAt(r.contacts.get(1))).toBeUndefined();
  });
});
