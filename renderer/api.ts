// The renderer's only door to the host: window.vagt (VagtBridge), through the typed client.
import { createClient, type Client } from '../shared/contract/client';
import type { VagtBridge } from '../shared/contract/bridge';
import type { HostEvent } from '../shared/contract/events';

declare global {
  interface Window {
    vagt?: VagtBridge;
  }
}

export function bridge(): VagtBridge | undefined {
  return window.vagt;
}

let client: Client | null = null;

export function api(): Client {
  if (!client) {
    const b = window.vagt;
    if (!b) throw new Error('window.vagt missing');
    client = createClient((method, input) => b.invoke(method, input));
  }
  return client;
}

export function onHostEvent(listener: (e: HostEvent) => void): () => void {
  const b = window.vagt;
  if (!b) return () => {};
  return b.onEvent(listener);
}
