import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { splitShellLine } from '../../src/console/shell.ts';

const words = (line: string): string[] => {
  const r = splitShellLine(line);
  if (!r.ok) throw new Error(r.error);
  return r.words;
};

describe('splitShellLine', () => {
  it('splits on runs of whitespace', () => {
    expect(words('  kubectl   get\tpods ')).toEqual(['kubectl', 'get', 'pods']);
  });

  it('keeps a single-quoted JSON patch as one word', () => {
    expect(words(`kubectl patch ds x --type=merge -p '{"spec":{"minReadySeconds":5}}'`)).toEqual([
      'kubectl',
      'patch',
      'ds',
      'x',
      '--type=merge',
      '-p',
      '{"spec":{"minReadySeconds":5}}',
    ]);
  });

  it('removes backslashes before quotes inside double quotes', () => {
    expect(words('echo "a \\"b\\" c"')).toEqual(['echo', 'a "b" c']);
  });

  it('keeps backslashes that escape nothing special inside double quotes', () => {
    expect(words('x "a\\nb"')).toEqual(['x', 'a\\nb']);
  });

  it('escapes a space outside quotes', () => {
    expect(words('a b\\ c')).toEqual(['a', 'b c']);
  });

  it('joins adjacent quoted and unquoted parts into one word', () => {
    expect(words(`-p='{"a":1}'x`)).toEqual(['-p={"a":1}x']);
  });

  it('keeps an empty quoted word', () => {
    expect(words(`a '' b`)).toEqual(['a', '', 'b']);
  });

  it('drops a comment that starts a word', () => {
    expect(words('kubectl get pods # list them')).toEqual(['kubectl', 'get', 'pods']);
    expect(words('a#b')).toEqual(['a#b']);
  });

  it('reports an unterminated quote', () => {
    expect(splitShellLine(`kubectl get 'pods`).ok).toBe(false);
    expect(splitShellLine('kubectl get "pods').ok).toBe(false);
  });

  it('round-trips any words quoted with single quotes', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string({ minLength: 1 }).filter((s) => !s.includes("'")),
          { minLength: 1, maxLength: 5 },
        ),
        (ws) => {
          expect(words(ws.map((w) => `'${w}'`).join(' '))).toEqual(ws);
        },
      ),
    );
  });
});
