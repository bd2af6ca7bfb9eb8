/**
 * A HostClock that moves only when a test says: `t` is real time in ms, and `fire()` runs the
 * host's interval callback (the worker's tick) once.
 */
import type { HostClock } from '../../src/worker/engine-host.ts';

/** A manual clock whose interval the test fires by hand. */
export function manualClock(): HostClock & { t: number; fire(): void; running: boolean } {
  let callback: (() => void) | undefined;
  return {
    t: 0,
    running: false,
    now() {
      return this.t;
    },
    setInterval(cb) {
      callback = cb;
      this.running = true;
      return 1;
    },
    clearInterval() {
      callback = undefined;
      this.running = false;
    },
    fire() {
      callback?.();
    },
  };
}
