/**
 * The keys of the ARIA tabs pattern, shared by every tablist on the page (the regions on a
 * narrow screen, the embed's panels, the editor's files): arrows move along the tabs and wrap
 * around, Home and End go to the ends.
 */

/** From a key, the index of the focused tab and the number of tabs, the tab to go to (none: not a tab key). */
export function tabKeyTarget(key: string, index: number, count: number): number | undefined {
  if (count === 0) return undefined;
  if (key === 'ArrowRight') return (index + 1) % count;
  if (key === 'ArrowLeft') return (index - 1 + count) % count;
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return undefined;
}
