// The page either shell shows when the database cannot be used, in Danish, one page per kind
// of failure (only real corruption says "beskadiget"), naming the path, where the backups and
// the log file are, and, where it helps, the way out: restore the newest good backup or start
// empty on purpose (buttons wired by RECOVERY_SCRIPT, posting to the shell's recovery paths).
import path from 'node:path';
import { DatabaseOpenError, type DbFailure } from '../db/errors';
import { withCspMeta } from './csp';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export const RECOVERY_SCRIPT_PATH = '/vagt-recovery.js';
export const RECOVERY_RESTORE_PATH = '/recovery/restore';
export const RECOVERY_EMPTY_PATH = '/recovery/start-empty';

/** Why a file could not be opened, in words, from its error code. */
function reasonText(code: string | undefined): string {
  if (!code) return 'Vagtkonsol kunne ikke åbne den.';
  if (/EACCES|EPERM|SQLITE_PERM|SQLITE_AUTH/.test(code))
    return 'Du har ikke rettighed til at læse eller skrive den (adgang nægtet).';
  if (/EROFS|SQLITE_READONLY/.test(code)) return 'Disken eller mappen er skrivebeskyttet.';
  if (/ENOTDIR|EISDIR|ENOENT/.test(code))
    return 'Stien findes ikke, eller en del af den er ikke en mappe.';
  if (/SQLITE_IOERR/.test(code)) return 'Disken svarede med en læse- eller skrivefejl.';
  return 'Vagtkonsol kunne ikke åbne den.';
}

interface PageText {
  title: string;
  body: string;
  actions: 'restore' | 'restore-or-empty' | null;
}

function text(kind: DbFailure | 'unknown', err: unknown, dataDir: string): PageText {
  const file = err instanceof DatabaseOpenError ? err.file : path.join(dataDir, 'vagtkonsol.db');
  const code = err instanceof DatabaseOpenError ? err.code : undefined;
  switch (kind) {
    case 'native-module':
      return {
        title: 'Vagtkonsols databasemodul kan ikke indlæses',
        body: `Det er et installationsproblem, ikke et problem med dine data: de er ikke rørt. Geninstallér Vagtkonsol (i en udviklerkopi: kør <code>npm run setup</code> med netværk). Modul: <code>${esc(file)}</code>.`,
        actions: null,
      };
    case 'cannot-open':
      return {
        title: 'Databasen kan ikke åbnes',
        body: `${esc(reasonText(code))} Sti: <code>${esc(file)}</code>. Ret rettighederne eller flyt datamappen til en skrivbar disk, og start Vagtkonsol igen. Intet er ændret.`,
        actions: null,
      };
    case 'disk-full':
      return {
        title: 'Disken er fuld',
        body: `Der er ikke plads på disken med <code>${esc(file)}</code>. Frigør plads på den disk, og start Vagtkonsol igen. Det, der allerede er gemt, er ikke rørt.`,
        actions: null,
      };
    case 'corrupt':
      return {
        title: 'Databasen er beskadiget',
        body: `SQLite melder, at <code>${esc(file)}</code> er beskadiget. Vagtkonsol har ikke ændret noget. Du kan gendanne den nyeste gode sikkerhedskopi (den beskadigede fil gemmes ved siden af), eller kontakte support først.`,
        actions: 'restore',
      };
    case 'too-new':
      return {
        title: 'Databasen er fra en nyere version af Vagtkonsol',
        body: `<code>${esc(file)}</code> er skrevet af en nyere Vagtkonsol. Installér den nyeste version. Intet er ændret.`,
        actions: null,
      };
    case 'migration-failed':
      return {
        title: 'Databasen kunne ikke opdateres til denne version',
        body: `Opdateringen af <code>${esc(file)}</code> blev rullet tilbage; databasen er som før. Kontakt support.`,
        actions: null,
      };
    case 'needs-recovery':
      return {
        title: 'Databasen mangler eller er tom',
        body: `<code>${esc(file)}</code> mangler eller er tom (0 byte), men der findes sikkerhedskopier med data. Vagtkonsol starter ikke tomt af sig selv. Vælg: gendan den nyeste gode sikkerhedskopi, eller start tomt med vilje (den tomme fil gemmes ved siden af).`,
        actions: 'restore-or-empty',
      };
    default:
      return {
        title: 'Databasen kunne ikke åbnes',
        body: 'Vagtkonsol har ikke ændret noget. Kontakt support før du fortsætter.',
        actions: null,
      };
  }
}

export interface ErrorPageOptions {
  /** Where the log file is (error pages point to it). */
  logFile?: string;
}

export function databaseErrorPage(
  err: unknown,
  dataDir: string,
  opts: ErrorPageOptions = {},
): string {
  const kind = err instanceof DatabaseOpenError ? err.kind : 'unknown';
  const t = text(kind, err, dataDir);
  const detail = err instanceof Error ? err.message : String(err);
  const buttons =
    t.actions === null
      ? ''
      : `<p><button type="button" data-recovery="restore">Gendan nyeste gode sikkerhedskopi</button>${
          t.actions === 'restore-or-empty'
            ? ' <button type="button" data-recovery="empty">Start tomt med vilje</button>'
            : ''
        }</p><p role="status" id="recovery-status"></p><script src="${RECOVERY_SCRIPT_PATH}"></script>`;
  const log = opts.logFile ? `<p>Logfil: <code>${esc(opts.logFile)}</code>.</p>` : '';
  return withCspMeta(`<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Vagtkonsol – ${esc(t.title)}</title></head>
<body><main role="alert" data-db-state="${esc(kind)}"><h1>${esc(t.title)}</h1>
<p>${t.body}</p>${buttons}
<p>Datamappe: <code>${esc(dataDir)}</code>. Daglige sikkerhedskopier ligger i <code>backups/</code> i datamappen.</p>${log}
<details><summary>Teknisk besked</summary><pre>${esc(detail)}</pre></details></main></body></html>`);
}

/** The recovery buttons' script (external: the CSP allows no inline script). */
export const RECOVERY_SCRIPT = `(function () {
  'use strict';
  var status = document.getElementById('recovery-status');
  function go(path, question) {
    if (question && !window.confirm(question)) return;
    status.textContent = 'Arbejder …';
    fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })
      .then(function (r) { return r.json(); })
      .then(function (r) {
        if (r && r.ok) { status.textContent = 'Færdig. Konsollen åbnes …'; location.replace('/'); }
        else { status.textContent = (r && r.message) || 'Det lykkedes ikke.'; }
      }, function () { status.textContent = 'Vagtkonsol svarer ikke.'; });
  }
  document.querySelectorAll('[data-recovery]').forEach(function (b) {
    b.addEventListener('click', function () {
      if (b.getAttribute('data-recovery') === 'restore') go('${RECOVERY_RESTORE_PATH}');
      else go('${RECOVERY_EMPTY_PATH}', 'Start med en tom database? Sikkerhedskopierne bliver liggende.');
    });
  });
})();
`;
