import { describe, expect, it } from 'vitest';
import { humanDuration, timestampAge } from '../../src/kube/duration.ts';
import { EPOCH_MS } from '../../src/kube/constants.ts';

describe('humanDuration', () => {
  it('prints seconds up to two minutes, then minutes with seconds below ten minutes', () => {
    expect(humanDuration(0)).toBe('0s');
    expect(humanDuration(5_000)).toBe('5s');
    expect(humanDuration(119_999)).toBe('119s');
    expect(humanDuration(150_000)).toBe('2m30s');
    expect(humanDuration(185_000)).toBe('3m5s');
    expect(humanDuration(180_000)).toBe('3m');
  });

  it('drops the seconds from ten minutes and the minutes from eight hours on', () => {
    expect(humanDuration(600_000)).toBe('10m');
    expect(humanDuration(30 * 60_000)).toBe('30m');
    expect(humanDuration(3 * 3600_000 + 5 * 60_000)).toBe('3h5m');
    expect(humanDuration(5 * 3600_000 + 60_000)).toBe('5h1m');
    expect(humanDuration(9 * 3600_000 + 59 * 60_000)).toBe('9h');
  });

  it('counts days with hours below eight days, then days, then years', () => {
    expect(humanDuration(50 * 3600_000)).toBe('2d2h');
    expect(humanDuration(10 * 86400_000)).toBe('10d');
    expect(humanDuration(800 * 86400_000)).toBe('2y70d');
    expect(humanDuration(9 * 365 * 86400_000)).toBe('9y');
  });

  it('reads up to two seconds in the future as now, and more as invalid', () => {
    expect(humanDuration(-500)).toBe('0s');
    expect(humanDuration(-1500)).toBe('0s');
    expect(humanDuration(-3000)).toBe('<invalid>');
  });
});

describe('timestampAge', () => {
  it('prints the age of a timestamp at a wall-clock instant, <unknown> without one', () => {
    expect(timestampAge('2026-01-01T00:00:00Z', EPOCH_MS + 150_000)).toBe('2m30s');
    expect(timestampAge(undefined, EPOCH_MS)).toBe('<unknown>');
    expect(timestampAge('yesterday', EPOCH_MS)).toBe('<unknown>');
  });
});
