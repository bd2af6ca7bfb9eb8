/**
 * kubectl reads `-f` files through cli-runtime's FileVisitor, which decodes with
 * unicode.BOMOverride: a UTF-16 file with a byte order mark (as Windows editors save) is read as
 * text like any other, and a UTF-8 byte order mark is dropped.
 */

/**
 * From a file's bytes, its text when they start with a UTF-16 byte order mark (little or big
 * endian), else undefined (the caller reads them as UTF-8; readManifest drops a UTF-8 mark).
 */
export function decodeUtf16WithBom(bytes: Uint8Array): string | undefined {
  const little = bytes[0] === 0xff && bytes[1] === 0xfe;
  const big = bytes[0] === 0xfe && bytes[1] === 0xff;
  if (!little && !big) return undefined;
  const units: number[] = [];
  // A trailing odd byte is no code unit; Go's decoder turns it into U+FFFD.
  for (let i = 2; i + 1 < bytes.length; i += 2) {
    units.push(little ? bytes[i] | (bytes[i + 1] << 8) : (bytes[i] << 8) | bytes[i + 1]);
  }
  if ((bytes.length - 2) % 2 === 1) units.push(0xfffd);
  let text = '';
  // In slices, since String.fromCharCode takes its units as arguments.
  for (let i = 0; i < units.length; i += 8192) {
    text += String.fromCharCode(...units.slice(i, i + 8192));
  }
  return text;
}
