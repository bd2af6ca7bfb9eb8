/**
 * Whether a new deploy is waiting, and how to switch to it. The service worker registration
 * fills this in; the update prompt reads it.
 */
export class UpdateState {
  /** A newer build is installed and waits for the learner to reload. */
  available = $state(false);
  /** The learner said "later"; the prompt stays hidden until the next update. */
  dismissed = $state(false);
  #activate: () => Promise<void> = async () => {};

  /** Called by the registration when a new service worker is waiting. */
  offer(activate: () => Promise<void>): void {
    this.#activate = activate;
    this.available = true;
    this.dismissed = false;
  }

  /** Lets the waiting worker take over; the page reloads when it controls the page. */
  reload(): Promise<void> {
    return this.#activate();
  }

  /** Hides the prompt for this page; the new version is used on the next visit anyway. */
  dismiss(): void {
    this.dismissed = true;
  }
}
