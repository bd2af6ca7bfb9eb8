import fc from 'fast-check';
import lzString from 'lz-string';
import { describe, expect, it } from 'vitest';
import { decompressBounded } from '../../src/share/lz-bounded.ts';
import { lzBomb } from './lz-bomb.ts';

describe('the bounded lz-string decoder', () => {
  it('reads back whatever lz-string compressed, as lz-string does', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (text) => {
        const packed = lzString.compressToEncodedURIComponent(text);
        expect(decompressBounded(packed, 10_000)).toEqual({ ok: true, text });
      }),
      { numRuns: 300 },
    );
  });

  it('reads long repetitive text that compresses to a few codes', () => {
    const text = 'kubectl apply -f nodes.yaml\n'.repeat(2000);
    const packed = lzString.compressToEncodedURIComponent(text);
    expect(decompressBounded(packed, text.length)).toEqual({ ok: true, text });
    expect(decompressBounded(packed, text.length - 1)).toEqual({ ok: false, reason: 'too-big' });
  });

  it('stops a decompression bomb at the limit', () => {
    const bomb = lzBomb(20_000); // about 200 million characters unpacked
    expect(bomb.length).toBeLessThan(50_000);
    // How long it takes is printed by `npm run bench` (share.bench.ts), not asserted.
    expect(decompressBounded(bomb, 2_000_000)).toEqual({ ok: false, reason: 'too-big' });
  });

  it('unpacks the small bomb the same way lz-string does', () => {
    const bomb = lzBomb(100);
    const expected = lzString.decompressFromEncodedURIComponent(bomb);
    expect(expected.length).toBe(1 + (101 * 102) / 2 - 1);
    expect(decompressBounded(bomb, 1e6)).toEqual({ ok: true, text: expected });
  });

  it('calls a payload without its end mark truncated', () => {
    const packed = lzString.compressToEncodedURIComponent('kubectl get pods -o wide '.repeat(20));
    expect(decompressBounded(packed.slice(0, packed.length >> 1), 1e6)).toEqual({
      ok: false,
      reason: 'truncated',
    });
    expect(decompressBounded('', 1e6)).toEqual({ ok: false, reason: 'truncated' });
  });

  it('calls a character outside the alphabet or an unknown code corrupt', () => {
    expect(decompressBounded('abc%def', 1e6)).toEqual({ ok: false, reason: 'corrupt' });
    // 2 bits of 3 at the start name no kind of first code.
    expect(decompressBounded('w', 1e6)).toEqual({ ok: false, reason: 'corrupt' });
  });

  it('takes a space for the plus sign a mail client may have turned it into', () => {
    const text = '~~~~ ??? >>> <<<'.repeat(30);
    const packed = lzString.compressToEncodedURIComponent(text);
    expect(packed).toContain('+');
    expect(decompressBounded(packed.replace(/\+/g, ' '), 1e6)).toEqual({ ok: true, text });
  });

  it('answers any string with a text or a reason, never an exception', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), (input) => {
        const result = decompressBounded(input, 100_000);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });
});
