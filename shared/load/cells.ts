// R-LOAD-1: which (doctor, clock hour) cells a contact contributes to. A contact has a call
// part (the answering doctor) and, when its video was handed to another doctor, a video part
// that belongs to that doctor (R-CON-5): their load, their video fee.
import type { Contact } from '../contract/models';
import type { Band } from '../types';
import { HOUR_MS, hourStart, splitAcrossHours, type HourWindow } from './hours';
import { MAX_CONTACT_MS } from '../record/possible';

export interface LoadRow {
  part: 'call' | 'video';
  hourMs: number;
  doctorId: string;
  /** 1 in the hour the part started, 0 in later hours it runs into. */
  contacts: number;
  band: Band;
  talkSeconds: number;
  /** Whole handling time of the part, counted in its first hour (for the mean). */
  handlingSeconds: number;
  videoEscalations: number;
  videoConnected: number;
  transportGranted: number;
  feesOre: number;
}

interface Part {
  part: 'call' | 'video';
  doctorId: string;
  startMs: number;
  endMs: number | null;
  band: Band;
  videoEscalations: number;
  videoConnected: number;
  transportGranted: number;
  feesOre: number;
}

function rows(p: Part, window?: HourWindow): LoadRow[] {
  if (!Number.isFinite(p.startMs)) return [];
  // Never more than a possible contact's hours (R-REC-1), even for a record stored before the
  // check existed; within that, only the hours asked about.
  const first = hourStart(p.startMs);
  const bound = { fromMs: first, toMs: first + MAX_CONTACT_MS + 2 * HOUR_MS };
  const w = window
    ? { fromMs: Math.max(bound.fromMs, window.fromMs), toMs: Math.min(bound.toMs, window.toMs) }
    : bound;
  const split = splitAcrossHours(p.startMs, p.endMs ?? p.startMs, w);
  // The cumulative floors add up to the whole part's seconds (see splitAcrossHours).
  const handling =
    p.endMs !== null && p.endMs > p.startMs ? Math.floor((p.endMs - p.startMs) / 1000) : 0;
  return split.map((s) => ({
    part: p.part,
    hourMs: s.hourMs,
    doctorId: p.doctorId,
    contacts: s.hourMs === first ? 1 : 0,
    band: p.band,
    talkSeconds: s.seconds,
    handlingSeconds: s.hourMs === first && p.endMs !== null ? handling : 0,
    videoEscalations: s.hourMs === first ? p.videoEscalations : 0,
    videoConnected: s.hourMs === first ? p.videoConnected : 0,
    transportGranted: s.hourMs === first ? p.transportGranted : 0,
    feesOre: s.hourMs === first ? p.feesOre : 0,
  }));
}

/** The contact's load rows; with a window only those of the hours inside it. */
export function contactLoadRows(c: Contact, window?: HourWindow): LoadRow[] {
  if (c.status === 'voided') return [];
  const v = c.video;
  const handedOver = v !== null && v.doctorId !== c.doctorId;
  const isVideoLine = (code: string) => code.startsWith('VIDEO');
  const callFees = c.lines
    .filter((l) => !handedOver || !isVideoLine(l.code))
    .reduce((s, l) => s + l.amountOre, 0);
  const escalated = v !== null && c.kind === 'telefon' ? 1 : 0;
  const connected = v !== null && v.connectedAt !== null ? 1 : 0;
  const out = rows(
    {
      part: 'call',
      doctorId: c.doctorId,
      startMs: Date.parse(c.answeredAt),
      endMs: c.endedAt ? Date.parse(c.endedAt) : null,
      band: c.band,
      videoEscalations: handedOver ? 0 : escalated,
      videoConnected: handedOver ? 0 : connected,
      transportGranted: c.transportGranted && c.outcome === 'konsultation' ? 1 : 0,
      feesOre: callFees,
    },
    window,
  );
  if (handedOver && v) {
    const videoLine = c.lines.find((l) => isVideoLine(l.code));
    out.push(
      ...rows(
        {
          part: 'video',
          doctorId: v.doctorId,
          startMs: Date.parse(v.connectedAt ?? v.requestedAt),
          endMs: v.connectedAt && v.endedAt ? Date.parse(v.endedAt) : null,
          band: videoLine?.band ?? c.band,
          videoEscalations: 1,
          videoConnected: connected,
          transportGranted: 0,
          feesOre: c.lines.filter((l) => isVideoLine(l.code)).reduce((s, l) => s + l.amountOre, 0),
        },
        window,
      ),
    );
  }
  return out;
}
