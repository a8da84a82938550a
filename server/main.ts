// Sync server command line (docs/sync-protocol.md "Server process", server/README.md). Every
// command works on either backend: `--data DIR` (SQLite, the default) or `--database URL` /
// VAGT_DATABASE_URL (PostgreSQL).
//   npm run server -- (--data DIR | --database URL) [--port 8787] [--host 127.0.0.1]
//                     [--allow-remote] [--log FILE] [--pool 10]
//   npm run server -- add-device  … --name N [--role workstation|supervisor] [--id UUID]
//   npm run server -- revoke-device … --device ID
//   npm run server -- add-doctor  … --name N --auth-id X [--roles doctor,supervisor] [--pin 1234]
//   npm run server -- set-rules   … --file rules.json
//   npm run server -- migrate-to --data DIR --database URL
//   npm run server -- claim … --doctor ID --from DATE --to DATE --format csv|json|pdf --out FILE
//   npm run server -- reprint-claim … --claim ID --format csv|json|pdf --out FILE
//   npm run server -- list-doctors | list-devices | roster-audit [--doctor ID]  …
//   npm run server -- update-doctor … --doctor ID [--name N] [--auth-id X] [--roles r1,r2]
//   npm run server -- deactivate-doctor | reactivate-doctor | reset-pin … --doctor ID
//   npm run server -- audit       … --from DATE --to DATE [--format csv|json] [--out FILE]
//                                   [--min-video-seconds 60]
// A usage error (unknown or misspelt option, missing value, bad value) is one Danish line on
// stderr and exit code 2; nothing is written then.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { roleSchema, uuid } from '../shared/contract/models';
import type { Role } from '../shared/contract/models';
import { isLocalDate } from '../shared/claims/period';
import { addDevice, DeviceExistsError, revokeDevice } from './auth';
import { ClaimArgError, checkClaimArgs, claimCommand, reprintCommand } from './claim-cli';
import { auditCsv, regionAudit } from './audit';
import {
  auditAdded,
  cliActor,
  listDevices,
  listDoctors,
  resetPin,
  setDoctorActive,
  updateDoctor,
} from './roster';
import { startServer } from './http';
import { jsonLineLogger } from './log';
import { migrateTo } from './migrate-to';
import { addDoctor, ReferenceError, setRules } from './reference';
import { openStorage } from './store/open';
import { openPgStorage } from './store/pg';
import { openSqliteStorage } from './store/sqlite';
import type { Storage } from './store/types';
import { StorageTooNewError, StorageUnavailableError } from './store/types';

class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;
const WHERE: Options = { data: { type: 'string' }, database: { type: 'string' } };
const COMMANDS: Record<string, Options> = {
  serve: {
    ...WHERE,
    port: { type: 'string' },
    host: { type: 'string' },
    'allow-remote': { type: 'boolean' },
    log: { type: 'string' },
    pool: { type: 'string' },
  },
  'add-device': {
    ...WHERE,
    name: { type: 'string' },
    role: { type: 'string' },
    id: { type: 'string' },
  },
  'revoke-device': { ...WHERE, device: { type: 'string' } },
  'add-doctor': {
    ...WHERE,
    name: { type: 'string' },
    'auth-id': { type: 'string' },
    roles: { type: 'string' },
    pin: { type: 'string' },
  },
  'set-rules': { ...WHERE, file: { type: 'string' } },
  'migrate-to': WHERE,
  claim: {
    ...WHERE,
    doctor: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
  },
  'reprint-claim': {
    ...WHERE,
    claim: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
  },
  'list-doctors': WHERE,
  'list-devices': WHERE,
  'roster-audit': { ...WHERE, doctor: { type: 'string' } },
  'update-doctor': {
    ...WHERE,
    doctor: { type: 'string' },
    name: { type: 'string' },
    'auth-id': { type: 'string' },
    roles: { type: 'string' },
  },
  'deactivate-doctor': { ...WHERE, doctor: { type: 'string' } },
  'reactivate-doctor': { ...WHERE, doctor: { type: 'string' } },
  'reset-pin': { ...WHERE, doctor: { type: 'string' } },
  audit: {
    ...WHERE,
    from: { type: 'string' },
    to: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    'min-video-seconds': { type: 'string' },
  },
};

/** node:util parseArgs with strict:true, its errors said in Danish. */
function parse(command: string, args: string[]): Record<string, string | boolean | undefined> {
  try {
    return parseArgs({ args, options: COMMANDS[command]!, strict: true, allowPositionals: false })
      .values as Record<string, string | boolean | undefined>;
  } catch (e) {
    const code = (e as { code?: string }).code;
    const msg = (e as Error).message;
    const opt = /'(-[^' ]+)/.exec(msg)?.[1] ?? '';
    const positional = /argument '([^']*)'/.exec(msg)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      throw new UsageError(`ukendt tilvalg ${opt} til ${command}`);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      throw new UsageError(`${opt.split(' ')[0]} mangler en værdi (eller tager ingen)`);
    }
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      throw new UsageError(`uventet argument ${positional}`);
    }
    throw new UsageError(`ugyldige argumenter`);
  }
}

function need(value: string | boolean | undefined, flag: string): string {
  if (typeof value !== 'string' || value === '') throw new UsageError(`mangler ${flag}`);
  return value;
}

function databaseUrl(values: Record<string, unknown>): string | undefined {
  const url = (values.database as string | undefined) ?? process.env.VAGT_DATABASE_URL;
  if (url !== undefined && !/^postgres(ql)?:\/\//.test(url)) {
    throw new UsageError('--database skal være en postgresql://…-adresse');
  }
  return url || undefined;
}

/** The storage a command works on: PostgreSQL if a URL is given, else --data DIR. */
async function storageFor(values: Record<string, unknown>): Promise<Storage> {
  const url = databaseUrl(values);
  if (url && values.data !== undefined) {
    throw new UsageError('angiv enten --data DIR eller --database URL, ikke begge');
  }
  if (url) return openStorage({ databaseUrl: url });
  return openStorage({
    dataDir: need(values.data as string | undefined, '--data DIR eller --database URL'),
  });
}

async function withStorage<T>(
  values: Record<string, unknown>,
  fn: (s: Storage) => Promise<T>,
): Promise<T> {
  const store = await storageFor(values);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

function parseRoles(text: string): Role[] {
  return text.split(',').map((r) => {
    const p = roleSchema.safeParse(r.trim());
    if (!p.success) throw new UsageError(`ukendt rolle ${r.trim()} i --roles`);
    return p.data;
  });
}

/** A roster entry as printed: never the PIN hash. */
function rosterOut(
  d: { id: string; name: string; authId: string; roles: Role[]; active: boolean },
  changed: boolean,
) {
  return {
    doctorId: d.id,
    name: d.name,
    authId: d.authId,
    roles: d.roles,
    active: d.active,
    changed,
  };
}

async function main(argv: string[]): Promise<void> {
  const command = argv[0] && !argv[0].startsWith('-') ? argv[0] : 'serve';
  if (!COMMANDS[command]) throw new UsageError(`ukendt kommando ${command}`);
  const values = parse(command, command === 'serve' && argv[0] !== 'serve' ? argv : argv.slice(1));

  switch (command) {
    case 'serve': {
      const port = values.port === undefined ? 8787 : Number(values.port);
      if (!/^\d+$/.test(String(values.port ?? 8787)) || port > 65535) {
        throw new UsageError('--port skal være et tal fra 0 til 65535');
      }
      const pool = values.pool === undefined ? 10 : Number(values.pool);
      if (!Number.isInteger(pool) || pool < 1 || pool > 500) {
        throw new UsageError('--pool skal være et tal fra 1 til 500');
      }
      const url = databaseUrl(values);
      if (url && values.data !== undefined) {
        throw new UsageError('angiv enten --data DIR eller --database URL, ikke begge');
      }
      const server = await startServer({
        ...(url
          ? { databaseUrl: url, poolSize: pool }
          : { dataDir: need(values.data, '--data DIR eller --database URL') }),
        port,
        host: (values.host as string | undefined) ?? '127.0.0.1',
        allowRemote: values['allow-remote'] === true,
        log: jsonLineLogger(values.log as string | undefined),
      });
      console.log(`listening on ${server.url} (${server.store.kind})`);
      const shutdown = () => void server.close().then(() => process.exit(0));
      process.on('SIGINT', shutdown);
      process.on('SIGTERM', shutdown);
      return;
    }
    case 'add-device': {
      const role = values.role ?? 'workstation';
      if (role !== 'workstation' && role !== 'supervisor') {
        throw new UsageError('--role skal være workstation eller supervisor');
      }
      const id = values.id as string | undefined;
      if (id !== undefined && !uuid.safeParse(id).success) {
        throw new UsageError('--id skal være et UUID med små bogstaver (arbejdspladsens id)');
      }
      const name = need(values.name, '--name');
      const created = await withStorage(values, (s) => addDevice(s, { name, role, id }));
      console.log(JSON.stringify(created));
      return;
    }
    case 'revoke-device': {
      const device = need(values.device, '--device ID');
      const ok = await withStorage(values, (s) => revokeDevice(s, device));
      if (!ok) throw new UsageError(`ingen aktiv enhed med id ${device}`);
      console.log(JSON.stringify({ revoked: device }));
      return;
    }
    case 'add-doctor': {
      const roles = parseRoles((values.roles as string | undefined) ?? 'doctor');
      const pin = values.pin as string | undefined;
      if (pin !== undefined && !/^\d{4,8}$/.test(pin)) {
        throw new UsageError('--pin skal være 4 til 8 cifre');
      }
      const name = need(values.name, '--name');
      const authId = need(values['auth-id'], '--auth-id');
      if (authId.length > 20) throw new UsageError('--auth-id må højst være 20 tegn');
      const d = await withStorage(values, async (s) => {
        const added = await addDoctor(s, { name, authId, roles, pin });
        await auditAdded(s, added, cliActor());
        return added;
      });
      // The PIN and its hash stay out of the output.
      console.log(
        JSON.stringify({ doctorId: d.id, name: d.name, roles: d.roles, pin: d.pinHash !== null }),
      );
      return;
    }
    case 'set-rules': {
      const file = need(values.file, '--file FIL');
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        throw new UsageError(`${file} kan ikke læses som JSON`);
      }
      const r = await withStorage(values, async (s) => {
        try {
          return await setRules(s, json);
        } catch (e) {
          if (e instanceof Error && e.name === 'ZodError') {
            throw new UsageError(`${file} er ikke et gyldigt regelsæt`);
          }
          throw e;
        }
      });
      console.log(JSON.stringify(r));
      return;
    }
    case 'claim': {
      const a = checkClaimArgs({
        doctor: need(values.doctor, '--doctor ID'),
        from: need(values.from, '--from DATO'),
        to: need(values.to, '--to DATO'),
        format: need(values.format, '--format csv|json|pdf'),
        out: need(values.out, '--out FIL'),
      });
      process.exitCode = await withStorage(values, (s) => claimCommand(s, a));
      return;
    }
    case 'reprint-claim': {
      const a = {
        claim: need(values.claim, '--claim ID'),
        format: need(values.format, '--format csv|json|pdf'),
        out: need(values.out, '--out FIL'),
      };
      process.exitCode = await withStorage(values, (s) => reprintCommand(s, a));
      return;
    }
    case 'list-doctors': {
      console.log(JSON.stringify(await withStorage(values, listDoctors), null, 2));
      return;
    }
    case 'list-devices': {
      console.log(JSON.stringify(await withStorage(values, listDevices), null, 2));
      return;
    }
    case 'roster-audit': {
      const doctor = (values.doctor as string | undefined) ?? null;
      const rows = await withStorage(values, (s) => s.rosterAudit.list(doctor, 1000));
      const out = rows.map((r) => ({ ...r, details: JSON.parse(r.details) as unknown }));
      console.log(JSON.stringify(out, null, 2));
      return;
    }
    case 'update-doctor': {
      const id = need(values.doctor, '--doctor ID');
      const fields: { name?: string; authId?: string; roles?: Role[] } = {};
      if (values.name !== undefined) fields.name = need(values.name, '--name');
      if (values['auth-id'] !== undefined) {
        fields.authId = need(values['auth-id'], '--auth-id');
        if (fields.authId.length > 20) throw new UsageError('--auth-id må højst være 20 tegn');
      }
      if (values.roles !== undefined) fields.roles = parseRoles(need(values.roles, '--roles'));
      if (Object.keys(fields).length === 0) {
        throw new UsageError('angiv mindst én af --name, --auth-id og --roles');
      }
      const r = await withStorage(values, (s) => updateDoctor(s, id, fields, cliActor()));
      console.log(JSON.stringify(rosterOut(r.doctor, r.changed)));
      return;
    }
    case 'deactivate-doctor':
    case 'reactivate-doctor': {
      const id = need(values.doctor, '--doctor ID');
      const active = command === 'reactivate-doctor';
      const r = await withStorage(values, (s) => setDoctorActive(s, id, active, cliActor()));
      console.log(JSON.stringify(rosterOut(r.doctor, r.changed)));
      return;
    }
    case 'reset-pin': {
      const id = need(values.doctor, '--doctor ID');
      const r = await withStorage(values, (s) => resetPin(s, id, cliActor()));
      // The new PIN is shown this once, for the operator to hand to the doctor.
      console.log(JSON.stringify({ ...rosterOut(r.doctor, true), newPin: r.pin }));
      return;
    }
    case 'audit': {
      const from = need(values.from, '--from DATO');
      const to = need(values.to, '--to DATO');
      for (const [flag, d] of [
        ['--from', from],
        ['--to', to],
      ] as const) {
        if (!isLocalDate(d)) throw new UsageError(`${flag} skal være en dato som 2025-01-31`);
      }
      if (to < from) throw new UsageError('--to ligger før --from');
      const format = (values.format as string | undefined) ?? 'csv';
      if (format !== 'csv' && format !== 'json') {
        throw new UsageError('--format skal være csv eller json');
      }
      const minText = (values['min-video-seconds'] as string | undefined) ?? '60';
      if (!/^\d{1,5}$/.test(minText)) {
        throw new UsageError('--min-video-seconds skal være et helt antal sekunder');
      }
      const audit = await withStorage(values, (s) =>
        regionAudit(s, { from, to, minVideoSeconds: Number(minText) }),
      );
      const text = format === 'csv' ? auditCsv(audit) : JSON.stringify(audit, null, 2) + '\n';
      const out = values.out as string | undefined;
      if (out === undefined) process.stdout.write(text);
      else {
        writeFileSync(out, text, { mode: 0o600 });
        console.log(JSON.stringify({ out, findings: audit.findings.length }));
      }
      return;
    }
    case 'migrate-to': {
      const url = databaseUrl(values);
      if (!url) throw new UsageError('mangler --database URL (målet)');
      const from = openSqliteStorage(need(values.data, '--data DIR (kilden)'));
      try {
        const to = await openPgStorage({ url });
        try {
          console.log(JSON.stringify(await migrateTo(from, to)));
        } finally {
          await to.close();
        }
      } finally {
        await from.close();
      }
      return;
    }
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  if (
    e instanceof UsageError ||
    e instanceof ReferenceError ||
    e instanceof DeviceExistsError ||
    e instanceof ClaimArgError
  ) {
    const msg =
      e instanceof DeviceExistsError ? `enheden ${e.deviceId} findes allerede` : e.message;
    console.error(`brug: ${msg} (se server/README.md)`);
    process.exit(2);
  }
  const msg =
    e instanceof StorageUnavailableError
      ? `databasen kan ikke nås: ${e.message}`
      : e instanceof StorageTooNewError
        ? e.message
        : e instanceof Error
          ? e.message
          : String(e);
  console.error(`fejl: ${msg}`);
  process.exit(1);
});
