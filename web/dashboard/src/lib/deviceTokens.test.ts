import { describe, expect, it } from 'vitest';
import { MAX_DEVICES, deviceFor, emailKey, parseDevices, rememberDevice } from './deviceTokens';

describe('device tokens', () => {
  it('are kept per lower-cased email', () => {
    const m = rememberDevice({}, '  Sam@Example.TEST ', 'dt_1');
    expect(m).toEqual({ 'sam@example.test': 'dt_1' });
    expect(deviceFor(m, 'SAM@example.test')).toBe('dt_1');
    expect(deviceFor(m, 'other@example.test')).toBeUndefined();
    expect(emailKey(' A@B.c ')).toBe('a@b.c');
  });

  it('replace the old token of an email and keep at most MAX_DEVICES, dropping the least recent', () => {
    let m = {};
    for (let i = 0; i < MAX_DEVICES + 3; i++) m = rememberDevice(m, `a${i}@x.test`, `t${i}`);
    m = rememberDevice(m, 'a3@x.test', 't3b');          // used again: now the most recent
    m = rememberDevice(m, 'new@x.test', 'tn');
    const keys = Object.keys(m);
    expect(keys).toHaveLength(MAX_DEVICES);
    expect(keys.slice(-2)).toEqual(['a3@x.test', 'new@x.test']);
    expect(deviceFor(m, 'a3@x.test')).toBe('t3b');
    expect(deviceFor(m, 'a4@x.test')).toBeUndefined();   // the oldest went
  });

  it('survive corrupt storage', () => {
    expect(parseDevices(null)).toEqual({});
    expect(parseDevices('not json')).toEqual({});
    expect(parseDevices('[1,2]')).toEqual({});
    expect(parseDevices('{"a@x":"t","b@x":5,"c@x":""}')).toEqual({ 'a@x': 't' });
    const many = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`u${i}@x`, `t${i}`]));
    expect(Object.keys(parseDevices(JSON.stringify(many)))).toHaveLength(MAX_DEVICES);
  });
});
