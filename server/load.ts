// GET /v1/load: R-LOAD-1 per doctor per clock hour across every workstation, from the latest
// stored revision of each contact (voided contacts excluded). Danish offsets are whole hours,
// so UTC hour boundaries are local clock-hour boundaries.
//
// Attribution (R-CON-5): the answering doctor gets the contact, its band, talk time and the
// triage fee; the video doctor (video.doctorId) gets the escalation, its connection and the
// video fee. Each figure lands in the hour of its own instant (answered, requested, decidedAt);
// talk time (answered→ended) is split across the hours it spans. Only [from, to) is counted.
import type { Contact, LoadCell } from '../shared/contract/models';
import type { LoadResponse } from '../shared/sync/protocol';

const HOUR = 3_600_000;

interface Acc {
  contacts: number;
  byBand: { A: number; B: number; C: number; DAY: number };
  talkMs: number;
  videoEscalations: number;
  videoConnected: number;
  transportGranted: number;
  handlingMs: number;
  handled: number;
  feesOre: number;
}

const emptyAcc = (): Acc => ({
  contacts: 0,
  byBand: { A: 0, B: 0, C: 0, DAY: 0 },
  talkMs: 0,
  videoEscalations: 0,
  videoConnected: 0,
  transportGranted: 0,
  handlingMs: 0,
  handled: 0,
  feesOre: 0,
});

function add(into: Acc, a: Acc): void {
  into.contacts += a.contacts;
  for (const b of ['A', 'B', 'C', 'DAY'] as const) into.byBand[b] += a.byBand[b];
  into.talkMs += a.talkMs;
  into.videoEscalations += a.videoEscalations;
  into.videoConnected += a.videoConnected;
  into.transportGranted += a.transportGranted;
  into.handlingMs += a.handlingMs;
  into.handled += a.handled;
  into.feesOre += a.feesOre;
}

const toCell = (a: Acc): LoadCell => ({
  contacts: a.contacts,
  byBand: { ...a.byBand },
  talkSeconds: Math.round(a.talkMs / 1000),
  videoEscalations: a.videoEscalations,
  videoConnected: a.videoConnected,
  transportGranted: a.transportGranted,
  meanHandlingSeconds: a.handled ? Math.round(a.handlingMs / a.handled / 1000) : 0,
  feesOre: a.feesOre,
});

export function computeLoad(
  contacts: Iterable<Contact>,
  names: Map<string, string>,
  fromIso: string,
  toIso: string,
): LoadResponse {
  const from = Date.parse(fromIso);
  const to = Date.parse(toIso);
  const cells = new Map<string, Map<number, Acc>>();
  const inRange = (ms: number) => ms >= from && ms < to;
  const cell = (doctorId: string, ms: number): Acc => {
    let byHour = cells.get(doctorId);
    if (!byHour) cells.set(doctorId, (byHour = new Map()));
    const hour = Math.floor(ms / HOUR) * HOUR;
    let acc = byHour.get(hour);
    if (!acc) byHour.set(hour, (acc = emptyAcc()));
    return acc;
  };

  for (const c of contacts) {
    if (c.status === 'voided') continue;
    const answered = Date.parse(c.answeredAt);
    const ended = c.endedAt ? Date.parse(c.endedAt) : null;
    if (inRange(answered)) {
      const a = cell(c.doctorId, answered);
      a.contacts += 1;
      a.byBand[c.band] += 1;
      if (ended !== null && ended >= answered) {
        a.handlingMs += ended - answered;
        a.handled += 1;
      }
      if (c.outcome === 'konsultation' && c.transportGranted) a.transportGranted += 1;
    }
    if (ended !== null && ended > answered) {
      // Split talk time over the clock hours it spans, clipped to [from, to).
      let t = Math.max(answered, from);
      const end = Math.min(ended, to);
      while (t < end) {
        const next = Math.min(end, (Math.floor(t / HOUR) + 1) * HOUR);
        cell(c.doctorId, t).talkMs += next - t;
        t = next;
      }
    }
    if (c.kind === 'telefon' && c.video) {
      const requested = Date.parse(c.video.requestedAt);
      if (inRange(requested)) {
        const a = cell(c.video.doctorId, requested);
        a.videoEscalations += 1;
        if (c.video.connectedAt) a.videoConnected += 1;
      }
    }
    for (const line of c.lines) {
      const at = Date.parse(line.decidedAt);
      if (!inRange(at)) continue;
      const owner = line.code.startsWith('VIDEO') && c.video ? c.video.doctorId : c.doctorId;
      cell(owner, at).feesOre += line.amountOre;
    }
  }

  const doctors = [...cells.entries()].map(([doctorId, byHour]) => {
    const totals = emptyAcc();
    const hours = [...byHour.entries()]
      .sort(([a], [b]) => a - b)
      .map(([hour, acc]) => {
        add(totals, acc);
        return { hour: new Date(hour).toISOString(), ...toCell(acc) };
      });
    return { doctorId, name: names.get(doctorId) ?? doctorId, hours, totals: toCell(totals) };
  });
  doctors.sort(
    (a, b) => a.name.localeCompare(b.name, 'da') || a.doctorId.localeCompare(b.doctorId),
  );
  return { doctors };
}
