// Clock / band / save and sync status concern. Fed by clock.now and host events.
import { create } from 'zustand';
import type { BandNow } from '../../shared/contract/models';
import type { HostEvent } from '../../shared/contract/events';
import { api } from '../api';

interface StatusState {
  bandNow: BandNow | null;
  /** host clock minus local clock, ms (the host's clock is the truth, R-TIME-1). */
  offsetMs: number;
  waiting: number;
  conflicts: number;
  online: boolean | null;
  lastSuccessAt: string | null;
  /** Sync server clock minus the host's, from the last exchange (null: not measured). */
  clockSkewMs: number | null;
  refreshClock(): Promise<void>;
  /** Reads sync.status once (events keep it current afterwards). */
  refreshSync(): Promise<void>;
  onEvent(e: HostEvent): void;
  hostNow(): number;
}

export const useStatus = create<StatusState>((set, get) => ({
  bandNow: null,
  offsetMs: 0,
  waiting: 0,
  conflicts: 0,
  online: null,
  lastSuccessAt: null,
  clockSkewMs: null,
  async refreshSync() {
    const s = await api().call('sync.status', {});
    set({
      waiting: s.waiting,
      conflicts: s.conflicts + s.rejected,
      online: s.configured ? s.online : null,
      lastSuccessAt: s.lastSuccessAt,
      clockSkewMs: s.configured ? s.clockSkewMs : null,
    });
  },
  async refreshClock() {
    const t0 = Date.now();
    const b = await api().call('clock.now', {});
    const t1 = Date.now();
    set({ bandNow: b, offsetMs: Date.parse(b.now) - Math.round((t0 + t1) / 2) });
  },
  onEvent(e) {
    switch (e.type) {
      case 'band':
        set({ bandNow: e.band, offsetMs: Date.parse(e.band.now) - Date.now() });
        break;
      case 'outbox':
        set({ waiting: e.waiting, conflicts: e.conflicts });
        break;
      case 'sync':
        set({
          waiting: e.waiting,
          conflicts: e.conflicts,
          // configured: false after sync.disconnect: no server, so neither online nor offline.
          online: e.configured === false ? null : e.online,
          lastSuccessAt: e.lastSuccessAt,
          clockSkewMs: e.configured === false ? null : e.clockSkewMs,
        });
        break;
      default:
        break;
    }
  },
  hostNow() {
    return Date.now() + get().offsetMs;
  },
}));
