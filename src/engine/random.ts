/**
 * The seeded generator kept in the cluster state (the idea of d3-force's lcg.js, with a
 * better-mixed 32-bit generator, mulberry32). Its whole state is one number, so snapshots
 * carry it and a restored cluster draws the same numbers.
 */

/** Kubernetes' alphabet for generated name suffixes: no vowels, no 0, 1 or 3 (k8s.io/apimachinery/pkg/util/rand/rand.go). */
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export class Random {
  constructor(public state: number) {
    this.state = state >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** From a bound, an integer in [0, bound). */
  int(bound: number): number {
    return Math.floor(this.next() * bound);
  }

  /** From a length, random characters of the name alphabet (rand.String). */
  nameSuffix(length = 5): string {
    let out = '';
    for (let i = 0; i < length; i++) out += NAME_ALPHABET[this.int(NAME_ALPHABET.length)];
    return out;
  }

  /** From a count of hex digits, a random lowercase hex string. */
  hex(digits: number): string {
    let out = '';
    for (let i = 0; i < digits; i++) out += this.int(16).toString(16);
    return out;
  }

  /** A UUID v4 shaped string, as the API server assigns to metadata.uid (four draws, not thirty-two). */
  uuid(): string {
    // Every object gets one, so the hex is written digit by digit rather than through
    // toString(16) and padStart; the text is the same.
    const h = hex8(this.next()) + hex8(this.next()) + hex8(this.next()) + hex8(this.next());
    const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}

const HEX = '0123456789abcdef';

/** From a float in [0, 1), its 32-bit scaled value as 8 lowercase hex digits. */
function hex8(x: number): string {
  const n = Math.floor(x * 4294967296);
  const hi = Math.floor(n / 65536);
  const lo = n % 65536;
  return (
    HEX[hi >>> 12] +
    HEX[(hi >>> 8) & 15] +
    HEX[(hi >>> 4) & 15] +
    HEX[hi & 15] +
    HEX[lo >>> 12] +
    HEX[(lo >>> 8) & 15] +
    HEX[(lo >>> 4) & 15] +
    HEX[lo & 15]
  );
}
