// Clock / band / save and sync status concern. Fed by clock.now and host events.
import { create } from 'zustand';
import type { BandNow } from '../../shared/contract/models';
import type { HostEvent } from '../../shared/contract/events';
import { api } from '../api';
import { t } from '../i18n';
import { hhmm } from '../lib/format';
import { useUi } from './ui';

interface StatusState {
  bandNow: BandNow | null;
  /** host clock minus local clock, ms (the host's clock is the truth, R-TIME-1). */
  offsetMs: number;
  waiting: number;
  conflicts: number;
  online: boolean | null;
  /** A sync server is configured (null: not known yet). Without one nothing is "waiting". */
  configured: boolean | null;
  lastSuccessAt: string | null;
  /** Sync server clock minus the host's, from the last exchange (null: not measured). */
  clockSkewMs: number | null;
  refreshClock(): Promise<void>;
  /** Reads sync.status once (events keep it current afterwards). */
  refreshSync(): Promise<void>;
  onEvent(e: HostEvent): void;
  hostNow(): number;
}

export const useStatus = create<StatusState>((set, get) => {
  /** The band from the host (event or clock.now); a real change is announced once, politely. */
  function adoptBand(b: BandNow, offsetMs: number): void {
    const before = get().bandNow;
    set({ bandNow: b, offsetMs });
    if (before && before.band !== b.band) {
      const time = hhmm(b.now);
      useUi
        .getState()
        .announce(
          b.band === 'DAY'
            ? t('announce.bandDay', { time })
            : t('announce.band', { band: b.band, time }),
        );
    }
  }
  return {
    bandNow: null,
    offsetMs: 0,
    waiting: 0,
    conflicts: 0,
    online: null,
    configured: null,
    lastSuccessAt: null,
    clockSkewMs: null,
    async refreshSync() {
      const s = await api().call('sync.status', {});
      set({
        waiting: s.waiting,
        conflicts: s.conflicts + s.rejected,
        online: s.configured ? s.online : null,
        configured: s.configured,
        lastSuccessAt: s.lastSuccessAt,
        clockSkewMs: s.configured ? s.clockSkewMs : null,
      });
    },
    async refreshClock() {
      const t0 = Date.now();
      const b = await api().call('clock.now', {});
      const t1 = Date.now();
      adoptBand(b, Date.parse(b.now) - Math.round((t0 + t1) / 2));
    },
    onEvent(e) {
      switch (e.type) {
        case 'band':
          adoptBand(e.band, Date.parse(e.band.now) - Date.now());
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
            ...(e.configured !== undefined ? { configured: e.configured } : {}),
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
  };
});
