// The renderer's only door to the host: window.vagt (VagtBridge), through the typed client.
import { createClient, type Client } from '../shared/contract/client';
import type { VagtBridge } from '../shared/contract/bridge';
import type { HostEvent } from '../shared/contract/events';
import { HostError } from '../shared/contract/errors';

declare global {
  interface Window {
    vagt?: VagtBridge;
  }
}

export function bridge(): VagtBridge | undefined {
  return window.vagt;
}

let client: Client | null = null;
let notSignedIn: (() => void) | null = null;

/** Registers what to do when the host answers NOT_SIGNED_IN (set by the session store). */
export function onNotSignedIn(fn: () => void): void {
  notSignedIn = fn;
}

export function api(): Client {
  if (!client) {
    const b = window.vagt;
    if (!b) throw new Error('window.vagt missing');
    const inner = createClient((method, input) => b.invoke(method, input));
    client = {
      async call(method, input) {
        try {
          return await inner.call(method, input);
        } catch (err) {
          // The host forgot the session (restart, sign-out elsewhere): back to sign-in.
          // What was typed stays in the call store's local draft and is restored after sign-in.
          if (err instanceof HostError && err.code === 'NOT_SIGNED_IN') notSignedIn?.();
          throw err;
        }
      },
    };
  }
  return client;
}

export function onHostEvent(listener: (e: HostEvent) => void): () => void {
  const b = window.vagt;
  if (!b) return () => {};
  return b.onEvent(listener);
}
