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
    // Every object gets one: the 36 characters are written as codes into one buffer and made a
    // string once, instead of through toString(16), padStart, slices and a template.
    const out = UUID_BUFFER;
    let o = 0;
    for (let w = 0; w < 4; w++) {
      const word = draw32(this);
      for (let j = 0; j < 8; j++) {
        const i = w * 8 + j;
        if (i === 8 || i === 12 || i === 16 || i === 20) out[o++] = 45; // '-'
        const nibble = (word >>> (28 - 4 * j)) & 15;
        // Version 4 in the 13th digit, the RFC 4122 variant in the 17th.
        out[o++] = HEX_CODES[i === 12 ? 4 : i === 16 ? (nibble & 0x3) | 0x8 : nibble];
      }
    }
    return String.fromCharCode.apply(null, out);
  }
}

/** Character codes of the lowercase hex digits. */
const HEX_CODES = [...'0123456789abcdef'].map((c) => c.charCodeAt(0));
const UUID_BUFFER: number[] = new Array<number>(36).fill(0);

/** From a generator, one draw scaled to an unsigned 32-bit integer. */
function draw32(random: Random): number {
  return Math.floor(random.next() * 4294967296);
}
