// The build's pre-compressed copies decompress to the very bytes of their file.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain JS build script
import { compressDir } from './compress.mjs';

const dir = mkdtempSync(join(tmpdir(), 'parley-compress-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('compress.mjs', () => {
  it('writes .gz and .br next to every text file, both smaller and byte-exact', async () => {
    const js = '(function(){' + 'console.log("parley");'.repeat(200) + '})();';
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'widget.js'), js);
    writeFileSync(join(dir, 'assets', 'frame-abc.css'), '.pw{color:red}'.repeat(50));
    writeFileSync(join(dir, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    const done: [string, { raw: number; gz: number; br: number }][] = await compressDir(dir);
    expect(done.map(([f]) => f.slice(dir.length)).sort()).toEqual(['/assets/frame-abc.css', '/widget.js']);
    for (const [f, s] of done) {
      const raw = readFileSync(f);
      expect(gunzipSync(readFileSync(f + '.gz')).equals(raw)).toBe(true);
      expect(brotliDecompressSync(readFileSync(f + '.br')).equals(raw)).toBe(true);
      expect(s.br).toBeLessThan(s.raw);
      expect(s.gz).toBeLessThan(s.raw);
    }
  });
});
