// R-AUDIT-1: the claims office's audit over a period's records. Pure: the server (and later the
// console) hands it the latest contact revisions, the shifts, the rule sets and, where known, the
// claim marks, and gets back one finding per thing that deserves a look.
import type { Contact, Shift } from '../contract/models';
import type { RuleSet } from '../rules/schema';
import { createTariff } from '../tariff';
import { hourStart } from '../load/hours';
import { toLocalIso } from '../time';

/** Finding kinds; each has a stable code and a Danish text. */
export const FINDING_CODES = [
  'VIDEO-GEBYR-UDEN-VIDEO',
  'VIDEO-KORT',
  'ESKALERET-IKKE-VIDEO',
  'OVERLAP',
  'BELASTNING-ROED',
  'RETTET-EFTER-AFREGNING',
  'UDEN-FOR-VAGT',
  'HONORAR-AFVIGER',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

export interface Finding {
  /** Stable and unique: the code plus what it is about, so a re-run names the same finding. */
  id: string;
  code: FindingCode;
  doctorId: string;
  /** The contact it is about; null for a finding about an hour (BELASTNING-ROED). */
  contactId: string | null;
  /** The instant it is about (the contact's answer, or the start of the hour), UTC ISO. */
  at: string;
  /** Danish, for the claims office. */
  text: string;
}

/** Which revision of a contact a claim covered, and when (region claims, issue 14 §1). */
export interface ClaimMarkInfo {
  contactId: string;
  rev: number;
  claimedAt: string;
}

export interface AuditInput {
  /** Latest revision of each contact in the period (voided ones are left out by the caller). */
  contacts: readonly Contact[];
  /** Latest revision of each shift (any that may cover the period). */
  shifts: readonly Shift[];
  /** The rule sets in force (empty: the built-in national one). */
  ruleSets: readonly RuleSet[];
  /** Claim marks, or null when the caller has none (then RETTET-EFTER-AFREGNING cannot be found). */
  claims: readonly ClaimMarkInfo[] | null;
  /** Video connected for less than this many seconds is VIDEO-KORT (D85: default 60). */
  minVideoSeconds: number;
}

export const DEFAULT_MIN_VIDEO_SECONDS = 60;

const isVideoLine = (code: string) => code.startsWith('VIDEO-');

/** Everything in the input that deserves a look, sorted by doctor, time, code. */
export function auditFindings(input: AuditInput): Finding[] {
  const tariff = input.ruleSets.length ? createTariff(input.ruleSets) : createTariff();
  const out: Finding[] = [];
  const add = (code: FindingCode, c: Contact, text: string) =>
    out.push({
      id: `${code}:${c.id}`,
      code,
      doctorId: c.doctorId,
      contactId: c.id,
      at: c.answeredAt,
      text,
    });

  const claimed = new Map<string, ClaimMarkInfo>();
  for (const m of input.claims ?? []) {
    const prev = claimed.get(m.contactId);
    if (!prev || m.rev > prev.rev) claimed.set(m.contactId, m);
  }
  const shiftsOf = new Map<string, Array<{ from: number; to: number }>>();
  for (const s of input.shifts) {
    const list = shiftsOf.get(s.doctorId) ?? [];
    list.push({
      from: Date.parse(s.openedAt),
      to: s.closedAt === null ? Infinity : Date.parse(s.closedAt),
    });
    shiftsOf.set(s.doctorId, list);
  }

  const byDoctor = new Map<string, Contact[]>();
  for (const c of input.contacts) {
    const answered = Date.parse(c.answeredAt);
    const v = c.video;
    const hasVideoLine = c.lines.some((l) => isVideoLine(l.code));
    if (hasVideoLine && (v === null || v.connectedAt === null)) {
      add(
        'VIDEO-GEBYR-UDEN-VIDEO',
        c,
        v === null
          ? 'Videohonorar uden en videoanmodning på kontakten.'
          : 'Videohonorar, men videoen blev aldrig forbundet.',
      );
    }
    if (v?.connectedAt) {
      const end = v.endedAt ?? c.endedAt;
      if (end !== null) {
        const seconds = Math.floor((Date.parse(end) - Date.parse(v.connectedAt)) / 1000);
        if (seconds < input.minVideoSeconds) {
          add(
            'VIDEO-KORT',
            c,
            `Video forbundet i kun ${seconds} s (under ${input.minVideoSeconds} s).`,
          );
        }
      }
      if (c.kind === 'telefon' && c.outcome !== 'video') {
        add(
          'ESKALERET-IKKE-VIDEO',
          c,
          'Telefonkontakt eskaleret til video og forbundet, men udfaldet er ikke video.',
        );
      }
    }
    const mark = claimed.get(c.id);
    if (mark && c.rev > mark.rev) {
      add(
        'RETTET-EFTER-AFREGNING',
        c,
        `Kontakten er rettet (revision ${c.rev}) efter at revision ${mark.rev} blev afregnet.`,
      );
    }
    const shifts = shiftsOf.get(c.doctorId) ?? [];
    if (!shifts.some((s) => s.from <= answered && answered <= s.to)) {
      add('UDEN-FOR-VAGT', c, 'Kontakten er besvaret uden for lægens vagter.');
    }
    const stored = feeKey(c.lines);
    let expected: string | null;
    try {
      const priced = tariff.price({
        kind: c.kind,
        answeredAt: c.answeredAt,
        video: v ? { connectedAt: v.connectedAt, failedAt: v.failedAt } : null,
        group: c.group,
      });
      expected = feeKey(priced.lines);
    } catch {
      // A record the rule sets cannot price is itself worth a look; it must not stop the audit.
      expected = null;
    }
    if (stored !== expected) {
      add(
        'HONORAR-AFVIGER',
        c,
        expected === null
          ? `Gemt honorar (${stored || 'intet'}) kan ikke efterprøves: kontakten kan ikke prissættes.`
          : `Gemt honorar (${stored || 'intet'}) afviger fra regelsættets (${expected || 'intet'}).`,
      );
    }
    const list = byDoctor.get(c.doctorId) ?? [];
    list.push(c);
    byDoctor.set(c.doctorId, list);
  }

  for (const [doctorId, list] of byDoctor) {
    overlaps(list, add);
    redHours(doctorId, list, tariff, out);
  }

  return out.sort(
    (a, b) =>
      cmp(a.doctorId, b.doctorId) || cmp(a.at, b.at) || cmp(a.code, b.code) || cmp(a.id, b.id),
  );
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Fee lines as "CODE beløb" in a fixed order, so two sets compare as strings. */
function feeKey(lines: ReadonlyArray<{ code: string; amountOre: number }>): string {
  return lines
    .map((l) => `${l.code} ${(l.amountOre / 100).toFixed(2).replace('.', ',')} kr`)
    .sort()
    .join(', ');
}

/** OVERLAP: a contact answered before an earlier-answered one of the same doctor had ended. */
function overlaps(
  list: Contact[],
  add: (code: FindingCode, c: Contact, text: string) => void,
): void {
  list.sort((a, b) => cmp(a.answeredAt, b.answeredAt) || cmp(a.id, b.id));
  let lastEnd = -Infinity;
  let lastId = '';
  for (const c of list) {
    const from = Date.parse(c.answeredAt);
    const to = c.endedAt === null ? from : Date.parse(c.endedAt);
    if (from < lastEnd) {
      add('OVERLAP', c, `Kontakten overlapper i tid med lægens kontakt ${lastId}.`);
    }
    if (to > lastEnd) {
      lastEnd = to;
      lastId = c.id;
    }
  }
}

/** BELASTNING-ROED: a clock hour with at least the rule set's red threshold of contacts. */
function redHours(
  doctorId: string,
  list: Contact[],
  tariff: ReturnType<typeof createTariff>,
  out: Finding[],
): void {
  const perHour = new Map<number, number>();
  for (const c of list) {
    const h = hourStart(Date.parse(c.answeredAt));
    perHour.set(h, (perHour.get(h) ?? 0) + 1);
  }
  for (const [h, n] of perHour) {
    const rules = tariff.ruleSetFor(h) ?? tariff.ruleSets[tariff.ruleSets.length - 1]!;
    const red = rules.loadThresholds.red;
    if (n < red) continue;
    const at = new Date(h).toISOString();
    out.push({
      id: `BELASTNING-ROED:${doctorId}:${at}`,
      code: 'BELASTNING-ROED',
      doctorId,
      contactId: null,
      at,
      text: `${n} kontakter i timen fra ${toLocalIso(h).slice(0, 16).replace('T', ' kl. ')} (rød grænse: ${red} pr. time).`,
    });
  }
}
