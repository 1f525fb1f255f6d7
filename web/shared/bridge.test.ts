import { describe, it, expect, vi } from 'vitest';
import { Bridge, hostOriginFrom } from './bridge';

describe('bridge', () => {
  it('reads only a real origin from ?origin=', () => {
    expect(hostOriginFrom('?origin=https%3A%2F%2Fshop.test')).toBe('https://shop.test');
    expect(hostOriginFrom('?origin=https%3A%2F%2Fshop.test%2Fpath')).toBeNull();
    expect(hostOriginFrom('?origin=*')).toBeNull();
    expect(hostOriginFrom('?origin=javascript%3Aalert(1)')).toBeNull();
    expect(hostOriginFrom('')).toBeNull();
  });

  it('posts with the named target origin and never without one', () => {
    const target = { postMessage: vi.fn() } as unknown as Window;
    new Bridge('https://shop.test', target).post({ t: 'hello' });
    expect((target.postMessage as any).mock.calls[0]).toEqual([{ t: 'hello' }, 'https://shop.test']);
    const t2 = { postMessage: vi.fn() } as unknown as Window;
    new Bridge(null, t2).post({ t: 'hello' });
    expect((t2.postMessage as any)).not.toHaveBeenCalled();
  });

  it('accepts messages only from the host origin and the parent window', () => {
    const parentWin = {} as Window;
    const got: any[] = [];
    const stop = new Bridge('https://shop.test', parentWin).listen((m) => got.push(m));
    const fire = (origin: string, source: unknown, data: unknown) =>
      window.dispatchEvent(new MessageEvent('message', { origin, source: source as any, data }));
    fire('https://evil.test', parentWin, { t: 'cmd' });
    fire('https://shop.test', {}, { t: 'cmd' });
    fire('https://shop.test', parentWin, 'not an object');
    fire('https://shop.test', parentWin, { t: 'open', v: true });
    stop();
    fire('https://shop.test', parentWin, { t: 'open', v: false });
    expect(got).toEqual([{ t: 'open', v: true }]);
  });
});
