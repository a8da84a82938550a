// What the renderer finds on `window.vagt`, whichever shell hosts it: Electron's preload
// (contextBridge over IPC) or browser mode's bridge script (fetch + EventSource on loopback).
import type { Reply } from './client';
import type { HostEvent } from './events';

export interface VagtBridge {
  invoke(method: string, input: unknown): Promise<Reply>;
  /** Subscribes to host events; returns an unsubscribe function. */
  onEvent(listener: (event: HostEvent) => void): () => void;
  readonly mode: 'electron' | 'browser';
}

/** IPC channel names (Electron) and URL paths (browser mode), one place. */
export const IPC_INVOKE_CHANNEL = 'vagt:invoke';
export const IPC_EVENT_CHANNEL = 'vagt:event';
export const HTTP_API_PREFIX = '/api/';
export const HTTP_EVENTS_PATH = '/events';
