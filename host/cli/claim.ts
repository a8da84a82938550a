// `claim --data DIR --doctor ID --from DATE --to DATE --format csv|json|pdf --out FILE` (docs/rules.md §8):
// the claims office's export from a workstation's data folder. It opens the database the way the
// host does (same file, pragmas and migrations) and marks the contacts claimed exactly like the
// console's export (R-CLAIM-3). Errors are Danish and the exit status is non-zero.
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
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
import { renderClaim } from '../claims/export';
import { commitClaim } from '../claims/service';

/** Exit statuses: 2 bad arguments, 1 the data or the claim could not be made, 3 nothing to claim. */
const BAD_ARGS = 2;
const FAILED = 1;
const NOTHING = 3;

const USAGE =
  'Brug: claim --data MAPPE --doctor ID --from ÅÅÅÅ-MM-DD --to ÅÅÅÅ-MM-DD --format csv|json|pdf --out FIL';

class ArgError extends Error {}

function parseArgs(args: string[]): Record<string, string> {
  const known = ['--data', '--doctor', '--from', '--to', '--format', '--out'];
  const out: Record<string, string> = {};
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i]!;
    if (!known.includes(name)) throw new ArgError(`Ukendt argument: ${name}`);
    const value = args[i + 1];
    if (value === undefined || value.startsWith('--'))
      throw new ArgError(`${name} mangler en værdi.`);
    if (name in out) throw new ArgError(`${name} er angivet mere end én gang.`);
    out[name] = value;
  }
  for (const k of known) if (!(k in out)) throw new ArgError(`${k} mangler.`);
  return out;
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
    a = parseArgs(args);
    if (!isLocalDate(a['--from']!))
      throw new ArgError(`--from skal være en dato ÅÅÅÅ-MM-DD: ${a['--from']}`);
    if (!isLocalDate(a['--to']!))
      throw new ArgError(`--to skal være en dato ÅÅÅÅ-MM-DD: ${a['--to']}`);
    if (a['--from']! > a['--to']!) throw new ArgError('--from må ikke ligge efter --to.');
    if (!claimFormatSchema.safeParse(a['--format']).success)
      throw new ArgError(`--format skal være ${CLAIM_FORMATS.join(', ')}: ${a['--format']}`);
  } catch (err) {
    if (!(err instanceof ArgError)) throw err;
    process.stderr.write(`Fejl: ${err.message}\n${USAGE}\n`);
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
    const doctorId = findDoctor(db, a['--doctor']!);
    if (!doctorId) {
      process.stderr.write(`Fejl: Ingen læge med id eller autorisations-id "${a['--doctor']}".\n`);
      return BAD_ARGS;
    }
    // VAGT_TEST_CLOCK pins the generation timestamp in tests, as it does for the app.
    const now = new Date(clockFromEnv(process.env, false).now()).toISOString();
    const deviceId = ensureWorkstation(db, now);
    const claim = commitClaim(
      db,
      createTariff(allRuleSets(db)),
      { doctorId, from: a['--from']!, to: a['--to']! },
      { generatedAt: now, createdBy: null, deviceId },
    );
    const f = await renderClaim(claim, claimFormatSchema.parse(a['--format']));
    const out = path.resolve(a['--out']!);
    mkdirSync(path.dirname(out), { recursive: true });
    // Written beside and renamed, so a half-written file is never taken for a claim.
    writeFileSync(`${out}.tmp`, f.bytes, { mode: 0o600 }); // holds CPR numbers: the user's alone
    renameSync(`${out}.tmp`, out);
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
    const msg = err instanceof HostError || err instanceof Error ? err.message : String(err);
    process.stderr.write(`Fejl: Afregningen kunne ikke laves: ${msg}\n`);
    return FAILED;
  } finally {
    db.close();
  }
}
