/**
 * A consumer's view of an event subscription as reactive state: every event heard so far, at
 * its latest version, in the order first heard. The why panel keeps one for the selected
 * object; a timeline or a lesson goal over history would keep its own, from its own version.
 */
import type { Event } from '../protocol/cluster.ts';
import type { EventSubject } from '../protocol/messages.ts';
import type { EngineClient } from './engine-client.ts';

/** The events of one subscription, kept up to date until `close`. */
export class EventFeed {
  /** Every event heard, latest version of each, in the order first heard. */
  events: readonly Event[] = $state.raw([]);
  // Bookkeeping behind `events`, never drawn itself.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #byUid = new Map<string, Event>();
  #unsubscribe: () => void;

  /** Subscribes through `client` from resourceVersion `since`, optionally about one object. */
  constructor(client: EngineClient, options: { since: number; about?: EventSubject }) {
    this.#unsubscribe = client.subscribeEvents(options, (batch) => this.#hear(batch));
  }

  /** Stops listening; the events heard so far stay. */
  close(): void {
    this.#unsubscribe();
  }

  #hear(batch: readonly Event[]): void {
    for (const event of batch) this.#byUid.set(event.metadata.uid || event.metadata.name, event);
    this.events = [...this.#byUid.values()];
  }
}
