/// <reference types="vite-plugin-pwa/vanillajs" />
/**
 * Registers the offline service worker after the page has loaded. The registration code (and
 * workbox-window) is a lazy chunk, so it adds only a dynamic import to the first load.
 */
import type { UpdateState } from './update-state.svelte.ts';

/** Registers the service worker in a built site; the dev server has none. */
export function registerServiceWorker(update: UpdateState): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const start = () => {
    void import('virtual:pwa-register').then(({ registerSW }) => {
      const activate = registerSW({
        onNeedRefresh: () => update.offer(() => activate(true)),
      });
    });
  };
  if (document.readyState === 'complete') start();
  else addEventListener('load', start, { once: true });
}
