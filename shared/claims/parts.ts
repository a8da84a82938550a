// How a contact splits into claimable parts (R-CON-5): the triage line belongs to the doctor who
// answered, the video line to the doctor who took the video. Each part carries the fee lines
// stored on the contact revision (R-FEE-8): nothing here prices anything.
import { DateTime } from 'luxon';
import type { Contact, Patient } from '../contract/models';
import type { Band, FeeLine, PriceFlag } from '../types';
import { formatCpr } from '../cpr';
import { ZONE } from '../time';
import type { ClaimEntry, ClaimLine, ClaimPart, SeparateReason } from './model';

export interface ContactPart {
  contactId: string;
  contactRev: number;
  part: ClaimPart;
  /** Whose claim the part is on. */
  doctorId: string;
  /** UTC instant that places the part in a period: answered (call) or connected (video). */
  at: string;
  band: Band;
  group: 1 | 2;
  patientId: string;
  rulesId: string | null;
  flags: PriceFlag[];
  lines: FeeLine[];
}

/** CPR as DDMMYY-SSSS; a visitor as birth date, country and the four letters. */
export function patientId(p: Patient | null): string {
  if (!p) return '';
  if (p.type === 'cpr') return formatCpr(p.cpr);
  const country = p.country === 'andet' ? 'andet land' : p.country;
  return `${p.birthDate} ${country} ${p.letters}`;
}

const isVideo = (l: FeeLine) => l.code.startsWith('VIDEO');

/** Flags about the video fee; the triage part of an escalated call does not carry them. */
const VIDEO_ONLY: readonly PriceFlag[] = ['takst-videreført', 'video-uden-for-vagttid'];
/** Flags about the call itself; a handed-over video part does not carry them. */
const CALL_ONLY: readonly PriceFlag[] = ['uden-for-vagttid', 'video-mislykket'];

/** One part, as an object literal (keys in the order the claim code has always produced). */
function part(
  c: Contact,
  pid: string,
  kind: ClaimPart,
  doctorId: string,
  at: string,
  band: Band,
  flags: PriceFlag[],
  lines: FeeLine[],
): ContactPart {
  return {
    contactId: c.id,
    contactRev: c.rev,
    group: c.group,
    patientId: pid,
    rulesId: c.rulesId,
    flags,
    part: kind,
    doctorId,
    at,
    band,
    lines,
  };
}

/**
 * The parts of a contact that can go on a claim. A contact that is open, or whose video has
 * neither connected nor failed, is not finished and has none yet. A voided contact has none
 * (an earlier claim of it is reversed by the caller).
 */
export function contactParts(c: Contact): ContactPart[] {
  if (c.status !== 'ended') return [];
  const pid = patientId(c.patient);
  const v = c.video;
  if (c.kind === 'video-forvisiteret') {
    if (!v || (!v.connectedAt && !v.failedAt)) return [];
    const at = v.connectedAt ?? c.answeredAt;
    const band = c.lines[0]?.band ?? c.band;
    return [part(c, pid, 'video', v.doctorId, at, band, c.flags, c.lines)];
  }
  const parts: ContactPart[] = [
    part(
      c,
      pid,
      'call',
      c.doctorId,
      c.answeredAt,
      c.band,
      c.flags.filter((f) => !VIDEO_ONLY.includes(f)),
      c.lines.filter((l) => !isVideo(l)),
    ),
  ];
  if (v) {
    const videoLines = c.lines.filter(isVideo);
    // A video kept by the answering doctor with no fee (failed, or in dagtid) is only a flag on
    // the call; a handed-over one is listed on the taker's claim even without a fee.
    const listed = videoLines.length > 0 || v.doctorId !== c.doctorId;
    const resolved = v.connectedAt !== null || v.failedAt !== null;
    if (listed && resolved) {
      parts.push(
        part(
          c,
          pid,
          'video',
          v.doctorId,
          v.connectedAt ?? v.failedAt!,
          videoLines[0]?.band ?? c.band,
          // A failed hand-over keeps its flag: it is why the taker's line has no fee.
          c.flags.filter(
            (f) => !CALL_ONLY.includes(f) || (f === 'video-mislykket' && !v.connectedAt),
          ),
          videoLines,
        ),
      );
    }
    // An unresolved video part follows on a later claim, once it has connected or failed.
  }
  return parts;
}

/** Copenhagen's UTC offset (minutes) per UTC hour: summer time changes on the hour (01:00 UTC),
 * so one zone lookup per hour is exact, and a claim of 10 000 lines asks luxon a few hundred times. */
const offsetByHour = new Map<number, number>();
const HOUR = 3_600_000;

function offsetMinutes(ms: number): number {
  const h = Math.floor(ms / HOUR);
  let o = offsetByHour.get(h);
  if (o === undefined) {
    o = DateTime.fromMillis(h * HOUR, { zone: ZONE }).offset;
    if (offsetByHour.size > 100_000) offsetByHour.clear();
    offsetByHour.set(h, o);
  }
  return o;
}

const p2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Local date and 24-hour time of an instant in Europe/Copenhagen (R-TIME-1). */
export function localDateTime(isoInstant: string): { date: string; time: string } {
  const ms = Date.parse(isoInstant);
  const d = new Date(ms + offsetMinutes(ms) * 60_000);
  return {
    date: `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`,
    time: `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}`,
  };
}

function separateReason(p: ContactPart): SeparateReason | null {
  if (p.group === 2) return 'gruppe-2';
  if (p.lines.length > 0) return null;
  if (p.flags.includes('ingen-takst')) return 'ingen-takst';
  if (p.part === 'video' && p.flags.includes('video-mislykket')) return 'video-mislykket';
  if (p.flags.includes('uden-for-vagttid') || p.flags.includes('video-uden-for-vagttid'))
    return 'uden-for-vagttid';
  if (p.band === 'DAY') return 'uden-for-vagttid';
  return 'uden-takst';
}

/**
 * One claim line. Written as one object literal, keys in the order of the claim's JSON (the
 * canonical bytes depend on it): a region-wide claim makes tens of thousands of these, and
 * spreading a shared object into each was most of the time of building one.
 */
function claimLine(
  p: ContactPart,
  entry: ClaimEntry,
  reason: SeparateReason | null,
  at: string,
  band: Band,
  fee: FeeLine | null,
): ClaimLine {
  const { date, time } = localDateTime(at);
  return {
    entry,
    contactId: p.contactId,
    contactRev: p.contactRev,
    part: p.part,
    patientId: p.patientId,
    group: p.group,
    rulesId: p.rulesId,
    flags: p.flags,
    reason,
    reversesClaimId: null,
    date,
    time,
    band,
    code: fee ? fee.code : null,
    regionalCode: fee ? fee.regionalCode : null,
    unitOre: fee ? fee.unitOre : 0,
    count: fee ? fee.count : 1,
    amountOre: fee ? fee.amountOre : 0,
  };
}

/** The claim lines of a part: one per fee line, or one unpriced line when it has no fee. */
export function partLines(p: ContactPart, entry: ClaimEntry): ClaimLine[] {
  const reason = separateReason(p);
  if (p.lines.length === 0) return [claimLine(p, entry, reason, p.at, p.band, null)];
  const out: ClaimLine[] = [];
  for (const l of p.lines) out.push(claimLine(p, entry, reason, l.decidedAt, l.band, l));
  return out;
}

/** What a reversal line holds: the claimed line with count and amount negated. */
export function reverseLine(l: ClaimLine, claimId: string): ClaimLine {
  return {
    ...l,
    entry: 'reversal',
    count: -l.count,
    amountOre: -l.amountOre,
    reversesClaimId: claimId,
  };
}

/**
 * The part of a line that matters to the region: a correction that leaves it unchanged (a note,
 * a caller) does not put the contact on the next claim again.
 */
export function claimContent(lines: readonly ClaimLine[]): string {
  return JSON.stringify(
    lines.map((l) => [
      l.date,
      l.time,
      l.band,
      l.code,
      l.regionalCode,
      l.patientId,
      l.group,
      l.unitOre,
      l.count,
      l.amountOre,
      l.reason,
    ]),
  );
}
