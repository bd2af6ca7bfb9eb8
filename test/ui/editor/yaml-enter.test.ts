import { describe, expect, it } from 'vitest';
import { listItemKeyIndent } from '../../../src/ui/editor/yaml-enter.ts';

describe('Enter after a list item', () => {
  it.each([
    ['- key: x', 2],
    ['      - name: fluentd', 8],
    ['  -   image: "nginx:1.27"', 6],
    ['- mountPath: /var/log # the logs', 2],
  ])('lines the next key up under the key of %j', (line, column) => {
    expect(listItemKeyIndent(line)).toBe(column);
  });

  it.each([['- item'], ['key: x'], ['- key:'], ['- key:   '], ['# - key: x'], ['-key: x']])(
    'leaves %j to the editor’s own rules',
    (line) => {
      expect(listItemKeyIndent(line)).toBeUndefined();
    },
  );
});
