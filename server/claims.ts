// Claims over every workstation's synced records (R-CLAIM-5): the server gathers a doctor's
// contact parts for a period from the latest stored revisions, builds the claim with the
// workstation's own code (shared/claims) and marks the parts it took in its claim store, so a
// contact revision is claimed once in the region. Corrections after a claim come back as a
// reversal plus the new line (R-CLAIM-3), exactly as on a workstation.
import { randomUUID } from 'node:crypto';
import { buildClaim, type Adjustment } from '../shared/claims/build';
import { claimSchema, type Claim, type ClaimLine } from '../shared/claims/model';
import { contactParts, type ContactPart } from '../shared/claims/parts';
import { localRangeMs } from '../shared/claims/period';
import type { Contact } from '../shared/contract/models';
import { OK21_NATIONAL } from '../shared/rules/ok21-national';
import { ruleSetSchema, type RuleSet } from '../shared/rules/schema';
import type { RosterDoctorPayload } from '../shared/sync/items';
import { rosterDoctors } from './reference';
import type { ClaimMarkRow } from './store/claims-types';
import type { Storage } from './store/types';

/** A video can connect well after the call was answered; look back this far (as the host). */
const VIDEO_LOOKBACK_MS = 24 * 3_600_000;

export interface ServerClaimRequest {
  doctorId: string;
  /** Inclusive local dates YYYY-MM-DD (Europe/Copenhagen). */
  from: string;
  to: string;
}

export interface ServerClaimDraft {
  claim: Claim;
  marks: ClaimMarkRow[];
  /** Each line's JSON, made once for the marks and reused for the stored claim (claimJson). */
  lineJson?: Map<ClaimLine, string>;
}

/** JSON.stringify of a claim line, once per line (a region-wide claim has tens of thousands). */
function lineJsonOf(cache: Map<ClaimLine, string>, l: ClaimLine): string {
  let s = cache.get(l);
  if (s === undefined) {
    s = JSON.stringify(l);
    cache.set(l, s);
  }
  return s;
}

const linesJson = (cache: Map<ClaimLine, string>, ls: readonly ClaimLine[]) =>
  `[${ls.map((l) => lineJsonOf(cache, l)).join(',')}]`;

const LINES_SLOT = ',"lines":[],"separate":[],"totals":';

/**
 * Exactly JSON.stringify(claim), with the lines' JSON taken from the cache: the claim without its
 * lines is stringified and the lines are put into their slot. The slot's text can only occur as
 * the claim's own keys (inside a JSON string every quote is escaped), and it is checked to occur
 * once; otherwise the claim is stringified whole.
 */
export function claimJson(claim: Claim, cache: Map<ClaimLine, string> = new Map()): string {
  const shell = JSON.stringify({ ...claim, lines: [], separate: [] });
  const at = shell.indexOf(LINES_SLOT);
  if (at < 0 || shell.indexOf(LINES_SLOT, at + 1) >= 0) return JSON.stringify(claim);
  return (
    shell.slice(0, at) +
    `,"lines":${linesJson(cache, claim.lines)},"separate":${linesJson(cache, claim.separate)},"totals":` +
    shell.slice(at + LINES_SLOT.length)
  );
}

/** The doctor is not on the region's roster. */
export class UnknownDoctorError extends Error {}

/** Every part in the period is already claimed: no claim (a stored claim of nothing) is made. */
export class NothingToClaimError extends Error {
  constructor(readonly pending: number) {
    super('Nothing to claim in the period');
  }
}

/** A roster doctor by id or by autorisations-id. */
export async function findRosterDoctor(
  store: Storage,
  idOrAuth: string,
): Promise<RosterDoctorPayload | null> {
  const all = await rosterDoctors(store);
  return all.find((d) => d.id === idOrAuth) ?? all.find((d) => d.authId === idOrAuth) ?? null;
}

async function ruleSets(store: Storage): Promise<RuleSet[]> {
  const stored = (await store.items.latestOfType('rules')).map((p) =>
    ruleSetSchema.parse(JSON.parse(p)),
  );
  return [OK21_NATIONAL, ...stored.filter((r) => r.id !== OK21_NATIONAL.id)];
}

const byTime = (a: ContactPart, b: ContactPart) =>
  a.at < b.at ? -1 : a.at > b.at ? 1 : a.contactId < b.contactId ? -1 : 1;

/** Builds the doctor's claim from the region's records now. Reads only; marks nothing. */
export async function draftServerClaim(
  store: Storage,
  req: ServerClaimRequest,
  generatedAt: string,
  claimId: string | null = randomUUID(),
): Promise<ServerClaimDraft> {
  const doctor = await findRosterDoctor(store, req.doctorId);
  if (!doctor) throw new UnknownDoctorError(req.doctorId);
  const { fromMs, toMs } = localRangeMs(req.from, req.to);
  let rows = await store.claims.contactsOf(
    doctor.id,
    new Date(fromMs - VIDEO_LOOKBACK_MS).toISOString(),
    new Date(toMs).toISOString(),
  );
  const newParts: ContactPart[] = [];
  let pending = 0;
  for (const r of rows) {
    const c = JSON.parse(r.payload) as Contact;
    if (c.status === 'open') {
      const at = Date.parse(c.answeredAt);
      if (c.doctorId === doctor.id && at >= fromMs && at < toMs) pending++;
      continue;
    }
    const claimed = r.claimed ? r.claimed.split(',') : [];
    for (const p of contactParts(c)) {
      const at = Date.parse(p.at);
      if (p.doctorId === doctor.id && !claimed.includes(p.part) && at >= fromMs && at < toMs)
        newParts.push(p);
    }
  }
  rows = []; // the payloads' text is no longer needed: let it go before the claim is built
  newParts.sort(byTime);
  const adjustments: Adjustment[] = (await store.claims.changedSinceClaimed(doctor.id)).map(
    (c) => ({
      claimId: c.claimId,
      claimed: JSON.parse(c.lines) as ClaimLine[],
      current:
        contactParts(JSON.parse(c.payload) as Contact).find(
          (p) => p.part === c.part && p.doctorId === doctor.id,
        ) ?? null,
    }),
  );
  // Which claim marked each adjusted part last, as this draft saw it (checked when recording).
  const prev = new Map<string, string>();
  for (const a of adjustments) {
    const x = a.current ?? a.claimed[0];
    if (x) prev.set(`${x.contactId}/${x.part}`, a.claimId);
  }
  const info = new Map((await ruleSets(store)).map((r) => [r.id, r]));
  const { claim, marks } = buildClaim({
    claimId,
    generatedAt,
    doctor: { id: doctor.id, name: doctor.name, authId: doctor.authId },
    period: { kind: 'range', from: req.from, to: req.to },
    newParts,
    adjustments,
    ruleSetInfo: (id) => info.get(id) ?? null,
    pending,
  });
  const lineJson = new Map<ClaimLine, string>();
  return {
    claim,
    marks: marks.map((m) => ({
      contactId: m.contactId,
      part: m.part,
      contactRev: m.contactRev,
      lines: linesJson(lineJson, m.lines),
      prevClaimId: prev.get(`${m.contactId}/${m.part}`) ?? null,
    })),
    lineJson,
  };
}

/**
 * Stores a drafted claim and marks its parts. Refuses an empty claim (NothingToClaimError) and,
 * via the store, a draft overtaken by another claim of the same parts (ClaimConflictError).
 */
export async function recordServerClaim(
  store: Storage,
  draft: ServerClaimDraft,
  meta: { deviceId: string; createdBy: string | null },
): Promise<Claim> {
  const { claim, marks } = draft;
  if (!claim.claimId) throw new Error('a stored claim needs an id');
  if (claim.lines.length === 0 && claim.separate.length === 0)
    throw new NothingToClaimError(claim.pending);
  await store.claims.record(
    {
      id: claim.claimId,
      doctorId: claim.doctor.id,
      periodFrom: claim.period.from,
      periodTo: claim.period.to,
      createdAt: claim.generatedAt,
      createdBy: meta.createdBy,
      deviceId: meta.deviceId,
      lineCount: claim.lines.length,
      separateCount: claim.separate.length,
      totalOre: claim.totals.grandTotalOre,
      canonical: claimJson(claim, draft.lineJson),
    },
    marks,
  );
  return claim;
}

/** A stored claim exactly as it was made, for a reprint byte for byte. */
export async function storedServerClaim(store: Storage, claimId: string): Promise<Claim | null> {
  const json = await store.claims.canonical(claimId);
  return json === null ? null : claimSchema.parse(JSON.parse(json));
}
