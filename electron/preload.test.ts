// The preload with a fake 'electron': it exposes exactly window.vagt over the two IPC channels.
import { describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type VagtBridge } from '../shared/contract/bridge';

const fake = vi.hoisted(() => {
  const exposed = new Map<string, unknown>();
  const listeners = new Map<string, Set<(...a: unknown[]) => void>>();
  const invoked: unknown[][] = [];
  return {
    exposed,
    listeners,
    invoked,
    electron: {
      contextBridge: { exposeInMainWorld: (k: string, v: unknown) => exposed.set(k, v) },
      ipcRenderer: {
        invoke: (...a: unknown[]) => {
          invoked.push(a);
          return Promise.resolve({ ok: true, value: 'pong' });
        },
        on: (ch: string, fn: (...a: unknown[]) => void) => {
          if (!listeners.has(ch)) listeners.set(ch, new Set());
          listeners.get(ch)!.add(fn);
        },
        removeListener: (ch: string, fn: (...a: unknown[]) => void) =>
          listeners.get(ch)?.delete(fn),
      },
    },
  };
});
vi.mock('electron', () => fake.electron);

describe('preload', () => {
  it('exposes window.vagt (electron mode) over the invoke and event channels only', async () => {
    await import('./preload');
    expect([...fake.exposed.keys()]).toEqual(['vagt']);
    const vagt = fake.exposed.get('vagt') as VagtBridge;
    expect(vagt.mode).toBe('electron');
    await expect(vagt.invoke('clock.now', {})).resolves.toEqual({ ok: true, value: 'pong' });
    expect(fake.invoked).toEqual([[IPC_INVOKE_CHANNEL, 'clock.now', {}]]);
    const got: unknown[] = [];
    const off = vagt.onEvent((e) => got.push(e));
    for (const l of fake.listeners.get(IPC_EVENT_CHANNEL)!) l({}, { type: 'roster' });
    off();
    expect(fake.listeners.get(IPC_EVENT_CHANNEL)!.size).toBe(0);
    expect(got).toEqual([{ type: 'roster' }]);
  });
});
