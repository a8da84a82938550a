// `claim --data DIR --doctor ID --from DATE --to DATE --format csv|json|pdf --out FILE` (docs/rules.md §8):
// the claims office's export from a workstation's data folder. It opens the database the way the
// host does (same file, pragmas and migrations) and marks the contacts claimed exactly like the
// console's export (R-CLAIM-3). Errors are Danish and the exit status is non-zero.
import { existsSync, mkdirSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { createTariff } from '../../shared/tariff';
import { claimFormatSchema, CLAIM_FORMATS } from '../../shared/claims/model';
import { isLocalDate } from '../../shared/claims/period';
import { HostError } from '../../shared/contract/errors';
import { clockFromEnv } from '../clock';
import { DatabaseOpenError } from '../db/errors';
import { openDatabase, type DB } from '../db/open';
import { DB_FILE } from '../host';
import { allRuleSets } from '../impl/rules';
import { ensureWorkstation } from '../stores/workstation';
import { writeFileSafely } from '../../node/safe-write';
import { renderClaim } from '../claims/export';
import { wasLinked } from '../claims/region';
import { commitClaim, draftClaim } from '../claims/service';
import { uuidv7 } from '../uuidv7';
import { parseOptions, UsageError } from './args';
import { SYNC_CONFIG_FILE } from '../sync/config';

/** Exit statuses: 2 bad arguments, 1 the data or the claim could not be made, 3 nothing to claim. */
const BAD_ARGS = 2;
const FAILED = 1;
const NOTHING = 3;

const USAGE =
  'Brug: claim --data MAPPE --doctor ID --from ÅÅÅÅ-MM-DD --to ÅÅÅÅ-MM-DD --format csv|json|pdf --out FIL';

class ArgError extends Error {}

const OPTION_NAMES = ['data', 'doctor', 'from', 'to', 'format', 'out'] as const;

function parseClaimArgs(args: string[]): Record<string, string> {
  try {
    const { options } = parseOptions(args, { names: OPTION_NAMES, required: OPTION_NAMES });
    return Object.fromEntries(Object.entries(options).map(([k, v]) => [`--${k}`, v]));
  } catch (err) {
    if (err instanceof UsageError) throw new ArgError(err.message);
    throw err;
  }
}

/** A failure in Danish: the file system's and the host's codes, never an English message. */
function whyDanish(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  const file = (err as { path?: unknown }).path;
  const where = typeof file === 'string' ? ` (${file})` : '';
  if (code === 'ENOSPC') return `disken er fuld${where}.`;
  if (code === 'EACCES' || code === 'EPERM') return `ingen skriveadgang${where}.`;
  if (code === 'ENAMETOOLONG') return `filnavnet er for langt${where}.`;
  if (code === 'EROFS') return `disken er skrivebeskyttet${where}.`;
  if (code === 'ENOTDIR' || code === 'EISDIR') return `stien er ikke en fil i en mappe${where}.`;
  if (code === 'INVALID_STATE') return 'dataene ændrede sig, mens filen blev skrevet; prøv igen.';
  if (code === 'NOT_FOUND') return 'lægen findes ikke.';
  return 'en uventet fejl.';
}

/** Doctor by uuid or by autorisations-id. */
function findDoctor(db: DB, idOrAuth: string): string | null {
  const r = db
    .prepare('SELECT id FROM doctors WHERE id = ? OR auth_id = ? ORDER BY id = ? DESC LIMIT 1')
    .get(idOrAuth, idOrAuth, idOrAuth) as { id: string } | undefined;
  return r?.id ?? null;
}

export async function claimCommand(args: string[]): Promise<number> {
  let a: Record<string, string>;
  try {
    a = parseClaimArgs(args);
    const outArg = path.resolve(a['--out']!);
    if (existsSync(outArg) && statSync(outArg).isDirectory())
      throw new ArgError(`--out skal være en fil, men ${outArg} er en mappe.`);
    if (!isLocalDate(a['--from']!))
      throw new ArgError(`--from skal være en dato ÅÅÅÅ-MM-DD: ${a['--from']}`);
    if (!isLocalDate(a['--to']!))
      throw new ArgError(`--to skal være en dato ÅÅÅÅ-MM-DD: ${a['--to']}`);
    if (a['--from']! > a['--to']!) throw new ArgError('--from må ikke ligge efter --to.');
    if (!claimFormatSchema.safeParse(a['--format']).success)
      throw new ArgError(`--format skal være ${CLAIM_FORMATS.join(', ')}: ${a['--format']}`);
  } catch (err) {
    if (!(err instanceof ArgError)) throw err;
    process.stderr.write(`Fejl: ${err.message} ${USAGE}\n`);
    return BAD_ARGS;
  }
  const dir = path.resolve(a['--data']!);
  const file = path.join(dir, DB_FILE);
  if (!existsSync(file)) {
    process.stderr.write(
      `Fejl: Mappen ${dir} indeholder ingen Vagtkonsol-database (${DB_FILE}).\n`,
    );
    return BAD_ARGS;
  }
  // A linked workstation's claims are made and marked on the server (R-CLAIM-5): marking here
  // would claim its contacts a second time in the region.
  if (existsSync(path.join(dir, SYNC_CONFIG_FILE))) {
    process.stderr.write(
      `Fejl: Arbejdspladsen i ${dir} er forbundet til en synkroniseringsserver; afregning sker på ` +
        'serveren (afregningsskærmen eller `npm run server -- claim`).\n',
    );
    return BAD_ARGS;
  }
  let db: DB;
  try {
    db = openDatabase(file);
  } catch (err) {
    const why =
      err instanceof DatabaseOpenError && err.kind === 'too-new'
        ? 'databasen er skrevet af en nyere Vagtkonsol'
        : err instanceof DatabaseOpenError && err.kind === 'corrupt'
          ? 'databasen er beskadiget'
          : String(err instanceof Error ? err.message : err);
    process.stderr.write(`Fejl: Databasen i ${dir} kan ikke åbnes: ${why}.\n`);
    return FAILED;
  }
  try {
    if (wasLinked(db)) {
      process.stderr.write(
        `Fejl: Arbejdspladsen i ${dir} har været forbundet til en synkroniseringsserver; afregning ` +
          'sker på serveren (`npm run server -- claim`).\n',
      );
      return BAD_ARGS;
    }
    const doctorId = findDoctor(db, a['--doctor']!);
    if (!doctorId) {
      process.stderr.write(`Fejl: Ingen læge med id eller autorisations-id "${a['--doctor']}".\n`);
      return BAD_ARGS;
    }
    // VAGT_TEST_CLOCK pins the generation timestamp in tests, as it does for the app.
    const now = new Date(clockFromEnv(process.env, false).now()).toISOString();
    const deviceId = ensureWorkstation(db, now);
    const tariff = createTariff(allRuleSets(db));
    const req = { doctorId, from: a['--from']!, to: a['--to']! };
    // The file first, the marks after (issue 12 §4): a failed write marks nothing, so a retry
    // works; a mark that then fails removes the file, so no unmarked statement lies about.
    const claimId = uuidv7(Date.parse(now));
    const { claim: draft } = draftClaim(db, tariff, req, now, claimId);
    if (draft.lines.length === 0 && draft.separate.length === 0) {
      throw new HostError('ALREADY_CLAIMED', 'Nothing to claim in the period', {
        pending: String(draft.pending),
      });
    }
    const f = await renderClaim(draft, claimFormatSchema.parse(a['--format']));
    const out = path.resolve(a['--out']!);
    mkdirSync(path.dirname(out), { recursive: true, mode: 0o700 });
    writeFileSafely(out, f.bytes);
    let claim;
    try {
      claim = commitClaim(db, tariff, req, {
        generatedAt: now,
        createdBy: null,
        deviceId,
        claimId,
        expected: draft,
      });
    } catch (err) {
      unlinkSync(out);
      throw err;
    }
    process.stderr.write(
      `Afregning ${claim.claimId} skrevet til ${out}: ` +
        `${claim.lines.length} ${claim.lines.length === 1 ? 'linje' : 'linjer'}` +
        (claim.separate.length ? `, ${claim.separate.length} særskilt (ikke medregnet)` : '') +
        `; i alt ${claim.totals.grandTotal}\n`,
    );
    return 0;
  } catch (err) {
    if (err instanceof HostError && err.code === 'ALREADY_CLAIMED') {
      const open = Number(err.details?.pending ?? 0);
      process.stderr.write(
        'Intet at afregne: lægens kontakter i perioden er allerede afregnet' +
          (open > 0 ? ` (${open} er ikke afsluttet endnu)` : '') +
          '. Ingen fil er skrevet.\n',
      );
      return NOTHING;
    }
    process.stderr.write(
      `Fejl: Afregningen kunne ikke laves: ${whyDanish(err)} Intet er markeret.\n`,
    );
    return FAILED;
  } finally {
    db.close();
  }
}
