/**
 * The page's routes, kept in the URL's hash so a static host serves every one of them:
 * `#/lessons/<id>` plays a lesson, `#/sandbox` (and an empty hash) the free sandbox. Share
 * links will use their own prefix (`#v1/...`), which these routes leave alone.
 */

/** Where the page is. */
export type Route = { kind: 'sandbox' } | { kind: 'lesson'; id: string };

const LESSON = /^#\/lessons\/([^/?#]+)\/?$/;

/** From a location hash (`#/lessons/one-pod-per-node`), the route; anything else is the sandbox. */
export function parseRoute(hash: string): Route {
  const match = LESSON.exec(hash);
  if (match) {
    let id: string;
    try {
      id = decodeURIComponent(match[1]);
    } catch {
      // A broken escape (`%E0`) names no lesson; the sandbox is a safe place to land.
      return { kind: 'sandbox' };
    }
    return { kind: 'lesson', id };
  }
  return { kind: 'sandbox' };
}

/** From a route, the hash that names it. */
export function toHash(route: Route): string {
  return route.kind === 'lesson' ? `#/lessons/${encodeURIComponent(route.id)}` : '#/sandbox';
}

/** Whether two routes name the same place. */
export function sameRoute(a: Route, b: Route): boolean {
  return a.kind === b.kind && (a.kind === 'sandbox' || a.id === (b as { id: string }).id);
}
