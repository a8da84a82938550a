// Host → shell events (band changes, outbox size, roster, sync). Transports subscribe and
// forward them (IPC in Electron, Server-Sent Events in browser mode); the sync client emits too.
import type { HostEvent } from '../shared/contract/events';

export type HostEventListener = (event: HostEvent) => void;

export class HostEvents {
  private readonly listeners = new Set<HostEventListener>();
  private last = new Map<HostEvent['type'], HostEvent>();

  subscribe(listener: HostEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: HostEvent): void {
    // One-off notices (a phone call opened or refused) are not replayed to a reloaded page.
    if (event.type !== 'phone' && event.type !== 'phoneRefused') this.last.set(event.type, event);
    for (const l of [...this.listeners]) {
      try {
        l(event);
      } catch {
        // A failing transport must not stop the others or the host.
      }
    }
  }

  /** Latest event of each type, so a new subscriber (a reloaded page) can catch up. */
  latest(): HostEvent[] {
    return [...this.last.values()];
  }
}
