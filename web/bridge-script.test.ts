import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { BRIDGE_SCRIPT } from './bridge-script';

function page(hash: string, stored: Record<string, string> = {}) {
  const calls: Array<{ url: string; init: { headers: Record<string, string>; body: string } }> = [];
  const replaced: string[] = [];
  const store = { ...stored };
  const win: Record<string, unknown> = {
    location: { hash, pathname: '/', search: '' },
    history: { replaceState: (_s: unknown, _t: string, url: string) => replaced.push(url) },
    sessionStorage: {
      getItem: (k: string) => store[k] ?? null,
      setItem: (k: string, v: string) => (store[k] = v),
    },
    fetch: (url: string, init: { headers: Record<string, string>; body: string }) => {
      calls.push({ url, init });
      return Promise.resolve({ status: 200, json: () => Promise.resolve({ ok: true, value: 1 }) });
    },
    EventSource: class {},
  };
  win.window = win;
  vm.runInNewContext(BRIDGE_SCRIPT, win);
  return { win, calls, replaced, store };
}

describe('browser bridge script', () => {
  it('holds no token: calls go same-origin with the session cookie, events from /events', async () => {
    const p = page('#token=abc_DEF-123');
    // A token in the URL is ignored and never stored.
    expect(p.store['vagt.token']).toBeUndefined();
    const vagt = p.win.vagt as { mode: string; invoke(m: string, i: unknown): Promise<unknown> };
    expect(vagt.mode).toBe('browser');
    await expect(vagt.invoke('setup.status', {})).resolves.toEqual({ ok: true, value: 1 });
    expect(p.calls[0]!.url).toBe('/api/setup.status');
    expect(p.calls[0]!.init.headers.Authorization).toBeUndefined();
    expect((p.calls[0]!.init as unknown as { credentials: string }).credentials).toBe(
      'same-origin',
    );
    expect(BRIDGE_SCRIPT).not.toMatch(/token|sessionStorage|Authorization/);
  });

  it('leaves an existing window.vagt (Electron preload) alone', () => {
    const existing = { mode: 'electron' };
    const win: Record<string, unknown> = { vagt: existing };
    win.window = win;
    vm.runInNewContext(BRIDGE_SCRIPT, win);
    expect(win.vagt).toBe(existing);
  });
});
