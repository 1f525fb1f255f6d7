import { describe, expect, it } from 'vitest';
import { attributePatch, draftOf, serverErrorField, validateAttr } from './attributes';

describe('contact attributes', () => {
  it('names every mistake at its field', () => {
    expect(validateAttr({ key: ' ', type: 'text', value: 'x' }, [])).toEqual({ key: 'Give the attribute a name.' });
    expect(validateAttr({ key: 'plan', type: 'text', value: 'x' }, ['plan']).key).toMatch(/exists already/);
    expect(validateAttr({ key: 'k'.repeat(65), type: 'text', value: '' }, []).key).toMatch(/64 bytes/);
    expect(validateAttr({ key: 'seats', type: 'number', value: 'ten' }, []).value).toMatch(/number/);
    expect(validateAttr({ key: 'seats', type: 'number', value: '' }, []).value).toMatch(/number/);
    expect(validateAttr({ key: 'note', type: 'text', value: 'é'.repeat(501) }, []).value).toMatch(/1000 bytes/);
    expect(validateAttr({ key: 'x', type: 'text', value: '' }, [], 50).key).toMatch(/at most 50/);
    expect(validateAttr({ key: 'seats', type: 'number', value: '12.5' }, [])).toEqual({});
  });

  it('keeps the type and renames by removing the old key', () => {
    expect(draftOf('vip', true)).toEqual({ key: 'vip', type: 'boolean', value: 'true' });
    expect(attributePatch({ key: 'seats', type: 'number', value: '12' })).toEqual({ seats: 12 });
    expect(attributePatch({ key: 'tier ', type: 'text', value: 'gold' }, 'plan')).toEqual({ plan: null, tier: 'gold' });
    expect(attributePatch({ key: 'vip', type: 'boolean', value: 'false' }, 'vip')).toEqual({ vip: false });
    expect(serverErrorField('attribute names must be 1 to 64 bytes')).toBe('key');
    expect(serverErrorField('attribute note is over 1000 bytes')).toBe('value');
  });
});
