/**
 * Mounting helper for the cluster components in Vitest's browser mode. Each prop is reactive
 * but not deeply proxied (`$state.raw`, as the page's client holds snapshots), so a test
 * replaces `mounted.props.snapshot` and calls `flushSync()` to re-render, as the page does when
 * a new snapshot arrives.
 */
import { flushSync, mount, unmount, type Component } from 'svelte';

/** A mounted component, its container, its live props, and a way to remove it. */
export interface Mounted<P> {
  target: HTMLElement;
  props: P;
  destroy: () => void;
}

/** From a component, its props and a container size, the mounted component. */
export function mountIn<P extends Record<string, unknown>>(
  component: Component<P>,
  props: P,
  size: { width: number; height: number } = { width: 900, height: 700 },
): Mounted<P> {
  const target = document.createElement('div');
  target.style.cssText = `width:${size.width}px;height:${size.height}px;display:flex;flex-direction:column;overflow:auto;`;
  document.body.append(target);
  const state = {} as P;
  for (const key of Object.keys(props)) {
    const box = new RawBox(props[key]);
    Object.defineProperty(state, key, {
      enumerable: true,
      get: () => box.value,
      set: (value) => (box.value = value),
    });
  }
  const instance = mount(component, { target, props: state });
  flushSync();
  return {
    target,
    props: state,
    destroy: () => {
      unmount(instance);
      target.remove();
    },
  };
}

/** One reactive value that is replaced, never mutated in place. */
class RawBox<T> {
  value: T = $state.raw() as T;
  constructor(value: T) {
    this.value = value;
  }
}
