/**
 * The cluster view's movement touches only opacity, scale and translate, which the browser
 * animates on its compositor: the page's main thread does little work per frame while pods
 * arrive, leave or slide. (d3 transitions wrote inline styles on every frame, and on a busy
 * machine those frames delayed the reply that carries the next snapshot.)
 *
 * Arrivals are a CSS animation (ENTER_CLASS) and moves a CSS transition of `translate`, both
 * in ClusterView.svelte: starting them costs the script nothing, where forty Web Animations
 * cost 10 ms. Only an exit needs script, to remove the element when it ends.
 */

/** How long a pod takes to fade out (ClusterView.svelte's cv-enter rules fade it in). */
export const FADE_MS = 300;

/** The class that makes a new card or chip fade in (see ClusterView.svelte). */
export const ENTER_CLASS = 'cv-enter';

const EASING = 'cubic-bezier(0.65, 0, 0.35, 1)';

function canAnimate(el: Element): boolean {
  return typeof el.animate === 'function';
}

/**
 * Fades `el` out while shrinking it, then removes it from the document (at once where
 * `Element.animate` is missing).
 */
export function fadeOutAndRemove(el: HTMLElement): void {
  if (!canAnimate(el)) {
    el.remove();
    return;
  }
  const animation = el.animate(
    [
      { opacity: 1, scale: '1' },
      { opacity: 0, scale: '0.6' },
    ],
    { duration: FADE_MS, easing: EASING, fill: 'forwards' },
  );
  animation.onfinish = () => el.remove();
  animation.oncancel = () => el.remove();
}
