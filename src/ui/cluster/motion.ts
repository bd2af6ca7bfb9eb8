/**
 * The cluster view's movement, as Web Animations of opacity, scale and translate only: the
 * browser runs those on its compositor, so the page's main thread does no work per frame
 * while a pod fades out or a card slides. (d3 transitions wrote inline styles on every frame,
 * and on a busy machine those frames delayed the reply that carries the next snapshot.)
 * Arrivals are CSS animations instead (ENTER_CLASS): starting twenty Web Animations cost
 * more script time than the class.
 *
 * Where `Element.animate` is missing, every function here ends in the final state at once.
 */

/** How long a card or chip takes to slide to its new place. */
export const MOVE_MS = 350;
/** How long a pod takes to fade out (ClusterView.svelte's cv-enter rules fade it in). */
export const FADE_MS = 300;

/** The class that makes a new card or chip fade in (see ClusterView.svelte). */
export const ENTER_CLASS = 'cv-enter';

const EASING = 'cubic-bezier(0.65, 0, 0.35, 1)';

/** Per element, its running slide and the offset it started from. */
const slides = new WeakMap<Element, { animation: Animation; dx: number; dy: number }>();

function canAnimate(el: Element): boolean {
  return typeof el.animate === 'function';
}

/** Fades `el` out while shrinking it, then removes it from the document. */
export function fadeOutAndRemove(el: HTMLElement): void {
  if (!canAnimate(el)) {
    el.remove();
    return;
  }
  slides.get(el)?.animation.cancel();
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

/**
 * From an element already placed at its new position and how far that is from where it was
 * drawn (`dx`, `dy`: old minus new), slides it there from its old place. A slide that
 * interrupts another starts from where the element is on screen, so it never jumps.
 */
export function slideFrom(el: HTMLElement, dx: number, dy: number): void {
  if (!canAnimate(el)) return;
  const running = slides.get(el);
  let fromX = dx;
  let fromY = dy;
  if (running) {
    // The eased progress of the running slide tells how much of its offset is still to go.
    const progress = running.animation.effect?.getComputedTiming().progress;
    if (typeof progress === 'number') {
      fromX += running.dx * (1 - progress);
      fromY += running.dy * (1 - progress);
    }
    running.animation.cancel();
  }
  if (fromX === 0 && fromY === 0) {
    slides.delete(el);
    return;
  }
  const animation = el.animate([{ translate: `${fromX}px ${fromY}px` }, { translate: '0px 0px' }], {
    duration: MOVE_MS,
    easing: EASING,
  });
  const record = { animation, dx: fromX, dy: fromY };
  slides.set(el, record);
  animation.onfinish = () => {
    if (slides.get(el) === record) slides.delete(el);
  };
}

/** Stops any slide of `el`, leaving it at its new place. */
export function stopSlide(el: Element): void {
  slides.get(el)?.animation.cancel();
  slides.delete(el);
}
