// Pure helpers of the load view (R-LOAD-1): periods on the Copenhagen wall clock, the heat-map
// matrix (doctor × hour), sorting and the CSV of the per-doctor totals. No React here.
import { DateTime } from 'luxon';
import type { LoadCell, LoadReport } from '../../../shared/contract/models';
import { HOUR_MS } from '../../../shared/load/hours';
import { formatOreForCsv } from '../../../shared/money';

export const ZONE = 'Europe/Copenhagen';
/** Longer than this, the heat map shows one column per clock hour of the day (peak over days). */
export const HOURLY_MAX_MS = 48 * HOUR_MS;

export interface Period {
  from: string;
  to: string;
}

/** The night starting on a local date: 16:00 that day → 08:00 the next (Copenhagen). */
export function nightPeriod(date: string): Period {
  const d = DateTime.fromISO(date, { zone: ZONE });
  return {
    from: d.set({ hour: 16 }).toUTC().toISO()!,
    to: d.plus({ days: 1 }).set({ hour: 8 }).toUTC().toISO()!,
  };
}

/** Whole local days from `from` to `to` inclusive. */
export function rangePeriod(from: string, to: string): Period {
  return {
    from: DateTime.fromISO(from, { zone: ZONE }).startOf('day').toUTC().toISO()!,
    to: DateTime.fromISO(to, { zone: ZONE }).plus({ days: 1 }).startOf('day').toUTC().toISO()!,
  };
}

/** The most recent night that has begun at `nowMs` (today's if it is past 16:00, else yesterday's). */
export function lastNightDate(nowMs: number): string {
  const d = DateTime.fromMillis(nowMs, { zone: ZONE });
  return (d.hour >= 16 ? d : d.minus({ days: 1 })).toISODate()!;
}

export function localDate(ms: number): string {
  return DateTime.fromMillis(ms, { zone: ZONE }).toISODate()!;
}

/** "2025-05-28T21:00" style local minute key, comparable as a string. */
export function localMinuteKey(ms: number): string {
  return DateTime.fromMillis(ms, { zone: ZONE }).toFormat("yyyy-MM-dd'T'HH:mm");
}

const hourCache = new Map<number, number>();
/** Local (Copenhagen) clock hour of an instant; whole-hour offsets make this a per-hour lookup. */
export function localHour(ms: number): number {
  const h = Math.floor(ms / HOUR_MS) * HOUR_MS;
  let v = hourCache.get(h);
  if (v === undefined) {
    v = DateTime.fromMillis(h, { zone: ZONE }).hour;
    if (hourCache.size > 50_000) hourCache.clear();
    hourCache.set(h, v);
  }
  return v;
}

export type Level = 0 | 1 | 2;
export function level(n: number, t: { amber: number; red: number }): Level {
  return n >= t.red ? 2 : n >= t.amber ? 1 : 0;
}

export interface HeatColumn {
  key: number;
  /** Local clock hour, 0–23. */
  hour: number;
  /** Start of the hour (hourly mode) or null (clock-hour-of-day mode). */
  ms: number | null;
}

export interface HeatRow {
  doctorId: string;
  name: string;
  values: number[];
  peak: number;
}

export interface HeatMatrix {
  /** 'hourly': one column per hour of the period; 'clock': per clock hour of the day, peak value. */
  mode: 'hourly' | 'clock';
  columns: HeatColumn[];
  rows: HeatRow[];
}

export function heatMatrix(report: LoadReport): HeatMatrix {
  const fromMs = Date.parse(report.from);
  const toMs = Date.parse(report.to);
  const first = Math.floor(fromMs / HOUR_MS) * HOUR_MS;
  if (toMs - fromMs <= HOURLY_MAX_MS) {
    const columns: HeatColumn[] = [];
    for (let h = first; h < toMs; h += HOUR_MS) columns.push({ key: h, hour: localHour(h), ms: h });
    const index = new Map(columns.map((c, i) => [c.ms!, i]));
    const rows = report.doctors.map((d) => {
      const values = new Array<number>(columns.length).fill(0);
      let peak = 0;
      for (const c of d.hours) {
        const i = index.get(Date.parse(c.hour));
        if (i === undefined) continue;
        values[i] = values[i]! + c.contacts;
        if (values[i]! > peak) peak = values[i]!;
      }
      return { doctorId: d.doctorId, name: d.name, values, peak };
    });
    return { mode: 'hourly', columns, rows };
  }
  // Clock hours of the day from 16:00, when the out-of-hours evening begins.
  const startHour = 16;
  const columns: HeatColumn[] = [];
  for (let i = 0; i < 24; i++) {
    const hour = (startHour + i) % 24;
    columns.push({ key: hour, hour, ms: null });
  }
  const rows = report.doctors.map((d) => {
    const values = new Array<number>(24).fill(0);
    let peak = 0;
    for (const c of d.hours) {
      const i = (localHour(Date.parse(c.hour)) - startHour + 24) % 24;
      if (c.contacts > values[i]!) values[i] = c.contacts;
      if (c.contacts > peak) peak = c.contacts;
    }
    return { doctorId: d.doctorId, name: d.name, values, peak };
  });
  return { mode: 'clock', columns, rows };
}

export const SORT_KEYS = [
  'name',
  'contacts',
  'A',
  'B',
  'C',
  'DAY',
  'talk',
  'video',
  'transport',
  'mean',
  'fees',
  'peak',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export interface Sort {
  key: SortKey;
  dir: 'asc' | 'desc';
}

export interface TotalsRow {
  doctorId: string;
  name: string;
  totals: LoadCell;
  peak: number;
}

export function totalsRows(report: LoadReport, matrix: HeatMatrix): TotalsRow[] {
  const peaks = new Map(matrix.rows.map((r) => [r.doctorId, r.peak]));
  return report.doctors.map((d) => ({
    doctorId: d.doctorId,
    name: d.name,
    totals: d.totals,
    peak: peaks.get(d.doctorId) ?? 0,
  }));
}

function sortValue(r: TotalsRow, key: SortKey): number | string {
  const t = r.totals;
  switch (key) {
    case 'name':
      return r.name;
    case 'contacts':
      return t.contacts;
    case 'A':
    case 'B':
    case 'C':
    case 'DAY':
      return t.byBand[key];
    case 'talk':
      return t.talkSeconds;
    case 'video':
      return t.videoEscalations * 1e6 + t.videoConnected;
    case 'transport':
      return t.transportGranted;
    case 'mean':
      return t.meanHandlingSeconds;
    case 'fees':
      return t.feesOre;
    case 'peak':
      return r.peak;
  }
}

const collator = new Intl.Collator('da');
export function sortRows(rows: TotalsRow[], sort: Sort): TotalsRow[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const va = sortValue(a, sort.key);
    const vb = sortValue(b, sort.key);
    const c =
      typeof va === 'string' ? collator.compare(va, vb as string) : (va as number) - (vb as number);
    return c !== 0 ? sign * c : collator.compare(a.name, b.name);
  });
}

/** Sum of all doctors' totals; the mean handling time weighted by contacts. */
export function grandTotals(rows: TotalsRow[]): LoadCell {
  const g: LoadCell = {
    contacts: 0,
    byBand: { A: 0, B: 0, C: 0, DAY: 0 },
    talkSeconds: 0,
    videoEscalations: 0,
    videoConnected: 0,
    transportGranted: 0,
    meanHandlingSeconds: 0,
    feesOre: 0,
  };
  let handling = 0;
  for (const { totals: t } of rows) {
    g.contacts += t.contacts;
    g.byBand.A += t.byBand.A;
    g.byBand.B += t.byBand.B;
    g.byBand.C += t.byBand.C;
    g.byBand.DAY += t.byBand.DAY;
    g.talkSeconds += t.talkSeconds;
    g.videoEscalations += t.videoEscalations;
    g.videoConnected += t.videoConnected;
    g.transportGranted += t.transportGranted;
    g.feesOre += t.feesOre;
    handling += t.meanHandlingSeconds * t.contacts;
  }
  g.meanHandlingSeconds = g.contacts ? Math.round(handling / g.contacts) : 0;
  return g;
}

/** File name for the table's CSV: belastning-<first local date>[_<last local date>].csv */
export function csvFileName(report: { from: string; to: string }): string {
  const a = localDate(Date.parse(report.from));
  const b = localDate(Date.parse(report.to) - 1);
  return `belastning-${a}${b !== a ? `_${b}` : ''}.csv`;
}

/** Minutes with one decimal, decimal comma: 754 s → "12,6". */
export function minutesCsv(seconds: number): string {
  return (Math.round(seconds / 6) / 10).toFixed(1).replace('.', ',');
}

function csvField(v: string): string {
  const safe = /^[=+@\t\r-]/.test(v) ? `'${v}` : v;
  return /[;"\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export interface CsvHeadings {
  doctor: string;
  contacts: string;
  A: string;
  B: string;
  C: string;
  DAY: string;
  talkMin: string;
  video: string;
  videoConnected: string;
  /** R-CON-6: referrals to consultation with "transport bevilget". */
  transport: string;
  meanMin: string;
  fees: string;
  peak: string;
  total: string;
}

/**
 * The per-doctor totals table for Danish spreadsheets: `;`, decimal comma, UTF-8 BOM, CRLF
 * (the same conventions as the claim CSV, R-CLAIM-2). Rows in the order shown.
 */
export function totalsCsv(rows: TotalsRow[], h: CsvHeadings): string {
  const line = (name: string, t: LoadCell, peak: string) =>
    [
      csvField(name),
      String(t.contacts),
      String(t.byBand.A),
      String(t.byBand.B),
      String(t.byBand.C),
      String(t.byBand.DAY),
      minutesCsv(t.talkSeconds),
      String(t.videoEscalations),
      String(t.videoConnected),
      String(t.transportGranted),
      minutesCsv(t.meanHandlingSeconds),
      formatOreForCsv(t.feesOre),
      peak,
    ].join(';');
  const head = [
    h.doctor,
    h.contacts,
    h.A,
    h.B,
    h.C,
    h.DAY,
    h.talkMin,
    h.video,
    h.videoConnected,
    h.transport,
    h.meanMin,
    h.fees,
    h.peak,
  ]
    .map(csvField)
    .join(';');
  const out = [head, ...rows.map((r) => line(r.name, r.totals, String(r.peak)))];
  out.push(line(h.total, grandTotals(rows), ''));
  return '\uFEFF' + out.join('\r\n') + '\r\n';
}
