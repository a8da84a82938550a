// R-LOAD-1: which (doctor, clock hour) cells a contact contributes to. A contact has a call
// part (the answering doctor) and, when its video was handed to another doctor, a video part
// that belongs to that doctor (R-CON-5): their load, their video fee.
import type { Contact } from '../contract/models';
import type { Band } from '../types';
import { splitAcrossHours } from './hours';

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

function rows(p: Part): LoadRow[] {
  const split = splitAcrossHours(p.startMs, p.endMs ?? p.startMs);
  const handling = split.reduce((s, x) => s + x.seconds, 0);
  return split.map((s, i) => ({
    part: p.part,
    hourMs: s.hourMs,
    doctorId: p.doctorId,
    contacts: i === 0 ? 1 : 0,
    band: p.band,
    talkSeconds: s.seconds,
    handlingSeconds: i === 0 && p.endMs !== null ? handling : 0,
    videoEscalations: i === 0 ? p.videoEscalations : 0,
    videoConnected: i === 0 ? p.videoConnected : 0,
    transportGranted: i === 0 ? p.transportGranted : 0,
    feesOre: i === 0 ? p.feesOre : 0,
  }));
}

export function contactLoadRows(c: Contact): LoadRow[] {
  if (c.status === 'voided') return [];
  const v = c.video;
  const handedOver = v !== null && v.doctorId !== c.doctorId;
  const isVideoLine = (code: string) => code.startsWith('VIDEO');
  const callFees = c.lines
    .filter((l) => !handedOver || !isVideoLine(l.code))
    .reduce((s, l) => s + l.amountOre, 0);
  const escalated = v !== null && c.kind === 'telefon' ? 1 : 0;
  const connected = v !== null && v.connectedAt !== null ? 1 : 0;
  const out = rows({
    part: 'call',
    doctorId: c.doctorId,
    startMs: Date.parse(c.answeredAt),
    endMs: c.endedAt ? Date.parse(c.endedAt) : null,
    band: c.band,
    videoEscalations: handedOver ? 0 : escalated,
    videoConnected: handedOver ? 0 : connected,
    transportGranted: c.transportGranted && c.outcome === 'konsultation' ? 1 : 0,
    feesOre: callFees,
  });
  if (handedOver && v) {
    const videoLine = c.lines.find((l) => isVideoLine(l.code));
    out.push(
      ...rows({
        part: 'video',
        doctorId: v.doctorId,
        startMs: Date.parse(v.connectedAt ?? v.requestedAt),
        endMs: v.connectedAt && v.endedAt ? Date.parse(v.endedAt) : null,
        band: videoLine?.band ?? c.band,
        videoEscalations: 1,
        videoConnected: connected,
        transportGranted: 0,
        feesOre: c.lines.filter((l) => isVideoLine(l.code)).reduce((s, l) => s + l.amountOre, 0),
      }),
    );
  }
  return out;
}
