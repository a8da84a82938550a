// R-LOAD-1: turns per-(doctor, hour) sums (from SQL GROUP BY or from rows in memory) into the
// contract's LoadReport cells with per-doctor totals.
import type { LoadCell, LoadReport } from '../contract/models';
import type { Band } from '../types';
import type { LoadRow } from './cells';

/** Sums for one doctor and hour; handlingSeconds is a sum here, a mean in LoadCell. */
export interface HourSums {
  doctorId: string;
  hourMs: number;
  contacts: number;
  A: number;
  B: number;
  C: number;
  DAY: number;
  talkSeconds: number;
  handlingSeconds: number;
  videoEscalations: number;
  videoConnected: number;
  transportGranted: number;
  feesOre: number;
}

type Sums = Omit<HourSums, 'doctorId' | 'hourMs'>;

const zero = (): Sums => ({
  contacts: 0,
  A: 0,
  B: 0,
  C: 0,
  DAY: 0,
  talkSeconds: 0,
  handlingSeconds: 0,
  videoEscalations: 0,
  videoConnected: 0,
  transportGranted: 0,
  feesOre: 0,
});

function addInto(acc: Sums, b: Sums): Sums {
  // Written out (no Object.keys) because a month for a whole service is ~40 000 cells.
  acc.contacts += b.contacts;
  acc.A += b.A;
  acc.B += b.B;
  acc.C += b.C;
  acc.DAY += b.DAY;
  acc.talkSeconds += b.talkSeconds;
  acc.handlingSeconds += b.handlingSeconds;
  acc.videoEscalations += b.videoEscalations;
  acc.videoConnected += b.videoConnected;
  acc.transportGranted += b.transportGranted;
  acc.feesOre += b.feesOre;
  return acc;
}

function toCell(s: Sums): LoadCell {
  return {
    contacts: s.contacts,
    byBand: { A: s.A, B: s.B, C: s.C, DAY: s.DAY },
    talkSeconds: s.talkSeconds,
    videoEscalations: s.videoEscalations,
    videoConnected: s.videoConnected,
    transportGranted: s.transportGranted,
    meanHandlingSeconds: s.contacts > 0 ? Math.round(s.handlingSeconds / s.contacts) : 0,
    feesOre: s.feesOre,
  };
}

/** Reference aggregation in memory (what the SQL GROUP BY computes), for tests and small sets. */
export function sumRows(rows: LoadRow[], fromMs: number, toMs: number): HourSums[] {
  const map = new Map<string, HourSums>();
  for (const r of rows) {
    if (r.hourMs < fromMs || r.hourMs >= toMs) continue;
    const key = `${r.doctorId}|${r.hourMs}`;
    let s = map.get(key);
    if (!s) map.set(key, (s = { doctorId: r.doctorId, hourMs: r.hourMs, ...zero() }));
    s.contacts += r.contacts;
    s[r.band as Band] += r.contacts;
    s.talkSeconds += r.talkSeconds;
    s.handlingSeconds += r.handlingSeconds;
    s.videoEscalations += r.videoEscalations;
    s.videoConnected += r.videoConnected;
    s.transportGranted += r.transportGranted;
    s.feesOre += r.feesOre;
  }
  return [...map.values()];
}

export interface ReportMeta {
  source: 'local' | 'server';
  asOf: string;
  from: string;
  to: string;
  thresholds: { amber: number; red: number };
  names: Map<string, string>;
}

export function buildLoadReport(sums: HourSums[], meta: ReportMeta): LoadReport {
  const byDoctor = new Map<string, HourSums[]>();
  for (const s of sums) {
    const list = byDoctor.get(s.doctorId) ?? [];
    list.push(s);
    byDoctor.set(s.doctorId, list);
  }
  const isoOf = new Map<number, string>();
  const iso = (ms: number) => {
    let s = isoOf.get(ms);
    if (s === undefined) isoOf.set(ms, (s = new Date(ms).toISOString()));
    return s;
  };
  const doctors = [...byDoctor.entries()].map(([doctorId, list]) => {
    list.sort((a, b) => a.hourMs - b.hourMs);
    const total = list.reduce<Sums>(addInto, zero());
    return {
      doctorId,
      name: meta.names.get(doctorId) ?? doctorId,
      hours: list.map((s) => ({ hour: iso(s.hourMs), ...toCell(s) })),
      totals: toCell(total),
    };
  });
  doctors.sort(
    (a, b) => a.name.localeCompare(b.name, 'da') || a.doctorId.localeCompare(b.doctorId),
  );
  return {
    source: meta.source,
    asOf: meta.asOf,
    from: meta.from,
    to: meta.to,
    thresholds: meta.thresholds,
    doctors,
  };
}
