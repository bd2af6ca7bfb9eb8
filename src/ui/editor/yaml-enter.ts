/** What Enter inserts in YAML where Monaco's enter rules get it wrong (kept free of Monaco). */

/**
 * From the text before the caret, the column (0-based) of the key of a `- key: value` list
 * item, where a sibling key goes; undefined for any other line (`- item`, `key:`, `- key:`).
 */
export function listItemKeyIndent(before: string): number | undefined {
  const match = /^(\s*-\s+)[^\s#][^:#]*:\s+[^\s#]/.exec(before);
  return match ? match[1].length : undefined;
}
