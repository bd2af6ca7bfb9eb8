/**
 * A decompression bomb in lz-string's URI format, written code by code: one `a`, then codes
 * that each repeat the entry before one character longer, so `codes` codes unpack to about
 * codes²/2 characters from a few bits each.
 */
export function lzBomb(codes: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
  const bits: number[] = [];
  const write = (value: number, width: number): void => {
    for (let bit = 0; bit < width; bit++) bits.push((value >> bit) & 1);
  };
  write(0, 2); // a new 8-bit character follows
  write('a'.charCodeAt(0), 8);
  let width = 3;
  let untilWider = 4;
  for (let i = 0; i < codes; i++) {
    // The code one past the dictionary's end means "the previous entry plus its first character".
    write(4 + i, width);
    untilWider--;
    if (untilWider === 0) {
      untilWider = 2 ** width;
      width++;
    }
  }
  write(2, width); // end of stream
  let out = '';
  for (let i = 0; i < bits.length; i += 6) {
    let value = 0;
    for (let j = 0; j < 6; j++) value = (value << 1) | (bits[i + j] ?? 0);
    out += alphabet[value];
  }
  return out;
}
