import { describe, expect, it } from 'vitest';
import { segmentMarkdown } from '../../../src/ui/lessons/markdown.ts';

const TEXT = [
  'Intro.',
  '',
  '1. Apply it:',
  '',
  '```sh',
  'kubectl apply -f a.yaml',
  'kubectl get pods',
  '```',
  '',
  '2. Then taint a node:',
  '',
  '```sh',
  'kubectl taint nodes w1 k=v:NoExecute',
  '```',
  '',
  'What happened is explained here.',
  '',
].join('\n');

describe('segmentMarkdown', () => {
  it('cuts the text right after the block holding a command a question is asked before', () => {
    const segments = segmentMarkdown(TEXT, ['kubectl taint nodes w1 k=v:NoExecute']);
    expect(segments.map((s) => s.asks)).toEqual([['kubectl taint nodes w1 k=v:NoExecute'], []]);
    expect(segments[0].markdown).toMatch(/Intro\.[\s\S]*kubectl taint nodes w1 k=v:NoExecute\n```/);
    expect(segments[1].markdown.trim()).toBe('What happened is explained here.');
  });

  it('keeps every word of the text, in order, across the segments', () => {
    const segments = segmentMarkdown(TEXT, [
      'kubectl get pods',
      'kubectl taint nodes w1 k=v:NoExecute',
    ]);
    expect(segments.map((s) => s.markdown).join('')).toBe(TEXT);
    expect(segments.map((s) => s.asks)).toEqual([
      ['kubectl get pods'],
      ['kubectl taint nodes w1 k=v:NoExecute'],
      [],
    ]);
  });

  it('finds a command in a block nested in a list item', () => {
    const nested = '1. Run:\n\n   ```sh\n   kubectl get ds\n   ```\n2. Look.\n\nAfter.\n';
    const segments = segmentMarkdown(nested, ['kubectl get ds']);
    expect(segments[0].asks).toEqual(['kubectl get ds']);
    expect(segments[0].markdown).toMatch(/2\. Look\./);
  });

  it('places no question for a command the text does not show, nor for inline code', () => {
    const segments = segmentMarkdown('Run `kubectl get ds` now.\n', ['kubectl get ds']);
    expect(segments).toEqual([{ markdown: 'Run `kubectl get ds` now.\n', asks: [] }]);
  });

  it('puts a question about a solution file below the apply of the learner’s own version', () => {
    const text = 'Edit it.\n\n```sh\nkubectl apply -f start/agent.yaml\n```\n\nThen read on.\n';
    const segments = segmentMarkdown(text, ['kubectl apply -f solution/agent.yaml']);
    expect(segments.map((s) => s.asks)).toEqual([['kubectl apply -f solution/agent.yaml'], []]);
    expect(segmentMarkdown(text, ['kubectl apply -f solution/other.yaml'])[0].asks).toEqual([]);
  });

  it('leaves the first apply of a file to a question about that apply, and the next to its fix', () => {
    const apply = '```sh\nkubectl apply -f start/agent.yaml\n```\n\n';
    const text = `Try it.\n\n${apply}Harden it.\n\n${apply}Done.\n`;
    const segments = segmentMarkdown(text, [
      'kubectl apply -f start/agent.yaml',
      'kubectl apply -f solution/agent.yaml',
    ]);
    expect(segments.map((s) => s.asks)).toEqual([
      ['kubectl apply -f start/agent.yaml'],
      ['kubectl apply -f solution/agent.yaml'],
      [],
    ]);
  });

  it('puts a question about the fix below the last apply of the learner’s file, not the first try', () => {
    const apply = '```sh\nkubectl apply -f start/agent.yaml\n```\n\n';
    const text = `Try it as it is.\n\n${apply}Fix it and apply again.\n\n${apply}Done.\n`;
    const segments = segmentMarkdown(text, ['kubectl apply -f solution/agent.yaml']);
    expect(segments.map((s) => s.asks)).toEqual([['kubectl apply -f solution/agent.yaml'], []]);
    expect(segments[0].markdown).toMatch(/Fix it and apply again\.\n\n```sh\n.*\n```$/);
  });
});
