import { describe, expect, it } from 'vitest';
import { applyPriorityClass } from '../../../src/engine/api/priority.ts';
import type { PodSpec, PriorityClass } from '../../../src/engine/types.ts';

const priorityClass = (name: string, value: number, globalDefault = false): PriorityClass =>
  ({
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: { name },
    value,
    globalDefault,
  }) as PriorityClass;
const spec = (extra: Partial<PodSpec> = {}): PodSpec => ({
  containers: [{ name: 'c', image: 'x' }],
  ...extra,
});

describe('the Priority admission plugin', () => {
  it('resolves a stored class', () => {
    const s = spec({ priorityClassName: 'agents' });
    expect(applyPriorityClass(s, [priorityClass('agents', 1000)])).toEqual({ ok: true });
    expect(s).toMatchObject({ priority: 1000, preemptionPolicy: 'PreemptLowerPriority' });
  });

  it('refuses an unknown class', () => {
    expect(applyPriorityClass(spec({ priorityClassName: 'nope' }), [])).toEqual({
      ok: false,
      message: 'no PriorityClass with name nope was found',
    });
  });

  it('gives a pod without a class the global default', () => {
    const s = spec();
    applyPriorityClass(s, [priorityClass('low', 10), priorityClass('default', 100, true)]);
    expect(s).toMatchObject({ priorityClassName: 'default', priority: 100 });
  });

  it('knows the built-in node-critical class without a stored object', () => {
    const s = spec({ priorityClassName: 'system-node-critical' });
    applyPriorityClass(s, []);
    expect(s.priority).toBe(2000001000);
  });

  it('refuses a hand-written priority that differs from the class', () => {
    const result = applyPriorityClass(spec({ priorityClassName: 'agents', priority: 5 }), [
      priorityClass('agents', 1000),
    ]);
    expect(result.ok).toBe(false);
  });
});
