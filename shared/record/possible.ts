// R-REC-1: what makes a record possible, beyond its shape. The zod schemas in
// shared/contract/models.ts and shared/sync/items.ts attach these checks as refinements, so
// every door that validates with them (dispatcher, sync push, pull apply, CLI, import) refuses
// an impossible record per item, with a Danish reason, and never fails a whole batch.
import { parseCpr } from '../cpr';
import { storageInstantMs } from '../time';
import { createTariff, type Tariff } from '../tariff';
import { OK21_NATIONAL } from '../rules/ok21-national';

/** D30: the longest a contact (call and any video) may last; a real call never comes near. */
export const MAX_CONTACT_MS = 24 * 3_600_000;
/** D31: audit `details` is a small note, never a document. */
export const MAX_AUDIT_DETAILS_BYTES = 16 * 1024;
export const MAX_AUDIT_DETAILS_DEPTH = 8;

/** One reason a record is impossible: a stable code, a Danish message and where. */
export interface RecordProblem {
  path: (string | number)[];
  code: string;
  message: string;
}

/** A real UTC instant in the storage format: `2025-02-28T25:61:61.999Z` and Feb 30 are not. */
export function isRealInstant(s: string): boolean {
  return storageInstantMs(s) !== null;
}

/** A real calendar date YYYY-MM-DD (no Feb 30, no month 13). */
export function isRealDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const ms = Date.parse(`${s}T00:00:00.000Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === s;
}

// A lone surrogate is what invalid UTF-8 or a cut string becomes; C0 controls other than tab
// and line breaks never belong in typed text (NUL cuts strings in C libraries and PDFs).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// eslint-disable-next-line no-control-regex -- the control characters are what it finds
const BAD_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Text that is valid Unicode (so valid UTF-8 when stored) and holds no control characters. */
export function isCleanText(s: string): boolean {
  return !LONE_SURROGATE.test(s) && !BAD_CONTROL.test(s);
}

/**
 * A JSON value no deeper than `maxDepth` whose JSON text is at most `maxBytes`, with clean
 * strings. Walks iteratively with a budget, so a 5 000-deep or huge value costs little and
 * never overflows the stack (JSON.stringify would).
 */
export function jsonValueProblem(v: unknown, maxDepth: number, maxBytes: number): string | null {
  const stack: Array<{ v: unknown; d: number }> = [{ v, d: 0 }];
  let bytes = 0;
  while (stack.length > 0) {
    const { v: x, d } = stack.pop()!;
    if (d > maxDepth) return `højst ${maxDepth} niveauer`;
    if (x === null || typeof x === 'boolean') bytes += 5;
    else if (typeof x === 'number') {
      if (!Number.isFinite(x)) return 'kun endelige tal';
      bytes += 24;
    } else if (typeof x === 'string') {
      if (!isCleanText(x)) return 'ugyldig tekst (UTF-8)';
      bytes += x.length * 3 + 2;
    } else if (Array.isArray(x)) {
      bytes += 2 + x.length;
      if (bytes > maxBytes) break;
      for (const e of x) stack.push({ v: e, d: d + 1 });
    } else if (typeof x === 'object') {
      const entries = Object.entries(x as Record<string, unknown>);
      bytes += 2 + entries.length;
      if (bytes > maxBytes) break;
      for (const [k, e] of entries) {
        if (!isCleanText(k)) return 'ugyldig nøgle (UTF-8)';
        bytes += k.length * 3 + 3;
        stack.push({ v: e, d: d + 1 });
      }
    } else return 'kun JSON-værdier';
    if (bytes > maxBytes) break;
  }
  return bytes > maxBytes ? `højst ${maxBytes} byte` : null;
}

/** The fields of a contact the checks read (structural, so models.ts can call this). */
export interface ContactFacts {
  kind: 'telefon' | 'video-forvisiteret';
  doctorId: string;
  answeredAt: string;
  endedAt: string | null;
  status: 'open' | 'ended' | 'voided';
  patient: { type: 'cpr'; cpr: string } | { type: 'visitor'; birthDate: string } | null;
  group: 1 | 2;
  band: string;
  rulesId: string | null;
  video: {
    doctorId: string;
    requestedAt: string;
    connectedAt: string | null;
    failedAt: string | null;
    failReason: string | null;
    endedAt: string | null;
  } | null;
  lines: Array<{
    code: string;
    regionalCode: string | null;
    band: string;
    unitOre: number;
    count: number;
    amountOre: number;
    decidedAt: string;
  }>;
}

let builtIn: Tariff | null = null;
/** The built-in rule set's tariff: its prices are known everywhere without a lookup. */
function builtInTariff(): Tariff {
  return (builtIn ??= createTariff([OK21_NATIONAL]));
}

/**
 * Every reason the contact could not have happened; empty when it is possible. Instants are
 * checked for reality by the schema first; an unreal one makes the order checks skip.
 */
export function contactProblems(c: ContactFacts): RecordProblem[] {
  const out: RecordProblem[] = [];
  const bad = (path: RecordProblem['path'], code: string, message: string) =>
    out.push({ path, code, message });
  const ms = (s: string | null | undefined): number | null => (s ? storageInstantMs(s) : null);

  const answered = ms(c.answeredAt);
  const ended = ms(c.endedAt);
  if (answered === null) return out; // the instant check has already said why

  // Status agrees with the fields.
  if (c.status === 'open' && c.endedAt !== null)
    bad(['endedAt'], 'OPEN_WITH_END', 'en åben kontakt har intet sluttidspunkt');
  if (c.status !== 'open' && c.endedAt === null)
    bad(
      ['endedAt'],
      'ENDED_WITHOUT_END',
      'en afsluttet eller annulleret kontakt skal have et sluttidspunkt',
    );
  if (c.kind === 'video-forvisiteret' && c.video === null)
    bad(['video'], 'VIDEO_MISSING', 'en forvisiteret videokontakt skal have en video');

  // Timeline of the call.
  if (ended !== null) {
    if (ended < answered) bad(['endedAt'], 'ENDED_BEFORE_ANSWERED', 'slut ligger før besvaret');
    else if (ended - answered > MAX_CONTACT_MS)
      bad(['endedAt'], 'TOO_LONG', 'en kontakt varer højst 24 timer');
  }

  // Timeline of the video: answered ≤ requested ≤ connected/failed ≤ video ended.
  const v = c.video;
  if (v) {
    const req = ms(v.requestedAt);
    const con = ms(v.connectedAt);
    const fail = ms(v.failedAt);
    const vend = ms(v.endedAt);
    const limit = answered + MAX_CONTACT_MS;
    if (v.connectedAt !== null && v.failedAt !== null)
      bad(
        ['video'],
        'VIDEO_CONNECTED_AND_FAILED',
        'en video kan ikke både være forbundet og mislykket',
      );
    if (v.endedAt !== null && v.connectedAt === null)
      bad(
        ['video', 'endedAt'],
        'VIDEO_ENDED_UNCONNECTED',
        'en video kan kun slutte efter den er forbundet',
      );
    if (v.failedAt === null && v.failReason !== null)
      bad(['video', 'failReason'], 'VIDEO_REASON_UNFAILED', 'kun en mislykket video har en årsag');
    if (req !== null && req < answered)
      bad(
        ['video', 'requestedAt'],
        'VIDEO_BEFORE_ANSWERED',
        'video anmodet før opkaldet blev besvaret',
      );
    if (req !== null && con !== null && con < req)
      bad(
        ['video', 'connectedAt'],
        'VIDEO_CONNECTED_BEFORE_REQUESTED',
        'video forbundet før den blev anmodet',
      );
    if (req !== null && fail !== null && fail < req)
      bad(
        ['video', 'failedAt'],
        'VIDEO_FAILED_BEFORE_REQUESTED',
        'video mislykket før den blev anmodet',
      );
    if (con !== null && vend !== null && vend < con)
      bad(
        ['video', 'endedAt'],
        'VIDEO_ENDED_BEFORE_CONNECTED',
        'video sluttet før den blev forbundet',
      );
    // The video is asked for during the call; only a video handed to another doctor may run
    // on after the call has ended (R-CON-5).
    if (ended !== null && req !== null && req > ended)
      bad(['video', 'requestedAt'], 'VIDEO_AFTER_END', 'video anmodet efter opkaldet sluttede');
    if (ended !== null && v.doctorId === c.doctorId) {
      for (const [k, t] of [
        ['connectedAt', con],
        ['failedAt', fail],
        ['endedAt', vend],
      ] as const)
        if (t !== null && t > ended)
          bad(['video', k], 'VIDEO_AFTER_END', 'egen video efter opkaldet sluttede');
    }
    for (const [k, t] of [
      ['requestedAt', req],
      ['connectedAt', con],
      ['failedAt', fail],
      ['endedAt', vend],
    ] as const)
      if (t !== null && t > limit) bad(['video', k], 'TOO_LONG', 'en kontakt varer højst 24 timer');
  }

  // CPR (R-CPR-1): a real birth date; CPR 0000000000 is not a person.
  if (c.patient?.type === 'cpr' && !parseCpr(c.patient.cpr).ok)
    bad(['patient', 'cpr'], 'CPR_INVALID', 'ugyldigt CPR-nummer');
  if (c.patient?.type === 'visitor' && !isRealDate(c.patient.birthDate))
    bad(['patient', 'birthDate'], 'DATE_INVALID', 'ugyldig fødselsdato');

  // Fee lines: whole øre, one of each, never negative, amount = unit × count.
  c.lines.forEach((l, i) => {
    if (l.count !== 1) bad(['lines', i, 'count'], 'FEE_COUNT', 'en takstlinje har antal 1');
    if (l.unitOre < 0 || l.amountOre < 0)
      bad(['lines', i, 'amountOre'], 'FEE_NEGATIVE', 'et honorar er aldrig negativt');
    if (l.amountOre !== l.unitOre * l.count)
      bad(['lines', i, 'amountOre'], 'FEE_SUM', 'beløb er ikke enhedspris × antal');
  });
  if (new Set(c.lines.map((l) => l.code)).size !== c.lines.length)
    bad(['lines'], 'FEE_DUPLICATE', 'samme ydelse to gange');
  // With the built-in rule set the exact lines are known here; an imported rule set is checked
  // where it is stored (feeProblems with the device's tariff).
  if (out.length === 0 && c.rulesId === OK21_NATIONAL.id)
    out.push(...feeProblems(c, builtInTariff()));
  return out;
}

/** R-FEE-8: the band and fee lines must be what the contact's rule set gives. */
export function feeProblems(c: ContactFacts, tariff: Tariff): RecordProblem[] {
  let expected;
  try {
    expected = tariff.price({
      kind: c.kind,
      answeredAt: c.answeredAt,
      video: c.video ? { connectedAt: c.video.connectedAt, failedAt: c.video.failedAt } : null,
      group: c.group,
    });
  } catch {
    return [{ path: ['lines'], code: 'FEE_UNPRICEABLE', message: 'kontakten kan ikke prissættes' }];
  }
  const key = (l: ContactFacts['lines'][number]) =>
    `${l.code}|${l.band}|${l.unitOre}|${l.count}|${l.amountOre}|${l.regionalCode}|${l.decidedAt}`;
  const want = expected.lines.map(key).sort().join(';');
  const got = c.lines.map(key).sort().join(';');
  const out: RecordProblem[] = [];
  if (expected.band !== c.band)
    out.push({
      path: ['band'],
      code: 'BAND_MISMATCH',
      message: 'båndet er ikke det, takstsættet giver',
    });
  if (want !== got)
    out.push({
      path: ['lines'],
      code: 'FEE_MISMATCH',
      message: 'takstlinjerne er ikke dem, takstsættet giver',
    });
  return out;
}
