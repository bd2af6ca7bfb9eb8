/**
 * A decoder for lz-string's `compressToEncodedURIComponent` format that stops as soon as the
 * text it rebuilds would pass a limit. lz-string's own decoder has no limit: each code can
 * repeat a dictionary entry one character longer than the last, so a link of a few kilobytes
 * can expand to hundreds of megabytes (a decompression bomb). The format is lz-string 1.5's
 * (`libs/lz-string.js`, `_decompress`); `test/share/lz-bounded.test.ts` checks it against it.
 */

/** The 64 characters of lz-string's URI-safe alphabet, each worth 6 bits. */
const URI_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
const VALUE_OF = new Map<string, number>([...URI_ALPHABET].map((c, i) => [c, i]));

/** Why a payload could not be decoded. */
export type LzFailure = 'corrupt' | 'truncated' | 'too-big';

/** The decoded text, or why there is none. */
export type LzResult = { ok: true; text: string } | { ok: false; reason: LzFailure };

/**
 * From the characters after `#v1/` and a limit on the decoded length (in UTF-16 units), the
 * decoded text, or `too-big` as soon as the output would exceed the limit, `truncated` when the
 * input ends before the end mark, `corrupt` for a character outside the alphabet or a code
 * that names no dictionary entry. Work and memory are linear in the input plus the limit.
 */
export function decompressBounded(input: string, maxChars: number): LzResult {
  // Browsers and mail clients may turn `+` into a space; lz-string reads it back the same way.
  const data = input.replace(/ /g, '+');
  if (data.length === 0) return { ok: false, reason: 'truncated' };
  for (const c of data) if (!VALUE_OF.has(c)) return { ok: false, reason: 'corrupt' };

  // Bits are taken from each 6-bit character high bit first and assembled low bit first.
  let charIndex = 0;
  let current = VALUE_OF.get(data[0]) ?? 0;
  let mask = 32;
  let exhausted = false;
  const readBits = (count: number): number => {
    let value = 0;
    for (let bit = 0; bit < count; bit++) {
      if (exhausted) return -1;
      if (current & mask) value |= 1 << bit;
      mask >>= 1;
      if (mask === 0) {
        mask = 32;
        charIndex++;
        if (charIndex >= data.length) exhausted = true;
        else current = VALUE_OF.get(data[charIndex]) ?? 0;
      }
    }
    return value;
  };

  // Codes 0 and 1 bring a new 8- or 16-bit character; 2 ends the stream; 3 on are entries.
  const dictionary: string[] = ['', '', ''];
  let bitsPerCode = 3;
  let untilWider = 4;
  const first = readBits(2);
  if (first < 0) return { ok: false, reason: 'truncated' };
  if (first === 2) return { ok: true, text: '' };
  if (first === 3) return { ok: false, reason: 'corrupt' };
  const firstChar = readBits(first === 0 ? 8 : 16);
  if (firstChar < 0) return { ok: false, reason: 'truncated' };
  let previous = String.fromCharCode(firstChar);
  dictionary.push(previous);
  const parts: string[] = [previous];
  let length = previous.length;
  if (length > maxChars) return { ok: false, reason: 'too-big' };

  for (;;) {
    if (exhausted) return { ok: false, reason: 'truncated' };
    let code = readBits(bitsPerCode);
    if (code < 0) return { ok: false, reason: 'truncated' };
    if (code === 2) return { ok: true, text: parts.join('') };
    if (code === 0 || code === 1) {
      const char = readBits(code === 0 ? 8 : 16);
      if (char < 0) return { ok: false, reason: 'truncated' };
      dictionary.push(String.fromCharCode(char));
      code = dictionary.length - 1;
      untilWider--;
      if (untilWider === 0) {
        untilWider = 2 ** bitsPerCode;
        bitsPerCode++;
      }
    }
    let entry: string;
    if (code < dictionary.length) entry = dictionary[code];
    else if (code === dictionary.length) entry = previous + previous[0];
    else return { ok: false, reason: 'corrupt' };
    // The check comes before the entry is kept: a dictionary entry is never longer than the
    // text so far plus one, so the limit bounds the dictionary too.
    length += entry.length;
    if (length > maxChars) return { ok: false, reason: 'too-big' };
    parts.push(entry);
    dictionary.push(previous + entry[0]);
    untilWider--;
    previous = entry;
    if (untilWider === 0) {
      untilWider = 2 ** bitsPerCode;
      bitsPerCode++;
    }
    // Past 2^30 entries the code width passes what a bitwise read can hold: no real link gets here.
    if (bitsPerCode > 30) return { ok: false, reason: 'corrupt' };
  }
}
