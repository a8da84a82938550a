// Sync server command line (docs/sync-protocol.md "Server process"):
//   npm run server -- --data DIR [--port 8787] [--host 127.0.0.1] [--allow-remote] [--log FILE]
//   npm run server -- add-device --data DIR --name N [--role workstation|supervisor] [--id UUID]
//   npm run server -- revoke-device --data DIR --device ID
//   npm run server -- add-doctor --data DIR --name N --auth-id X [--roles doctor,supervisor] [--pin 1234]
//   npm run server -- set-rules --data DIR --file rules.json
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { roleSchema, uuid } from '../shared/contract/models';
import { addDevice, revokeDevice } from './auth';
import { openServerDb } from './db';
import { startServer } from './http';
import { jsonLineLogger } from './log';
import { addDoctor, setRules } from './reference';

class UsageError extends Error {}

function need(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new UsageError(`missing ${flag}`);
  return value;
}

async function main(argv: string[]): Promise<void> {
  const command = argv[0] && !argv[0].startsWith('-') ? argv[0] : 'serve';
  const rest = command === 'serve' ? argv : argv.slice(1);
  const { values } = parseArgs({
    args: rest,
    options: {
      data: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'allow-remote': { type: 'boolean' },
      log: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      id: { type: 'string' },
      device: { type: 'string' },
      'auth-id': { type: 'string' },
      roles: { type: 'string' },
      pin: { type: 'string' },
      file: { type: 'string' },
    },
    strict: true,
  });
  const dataDir = need(values.data, '--data DIR');

  switch (command) {
    case 'serve': {
      const port = values.port === undefined ? 8787 : Number(values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('bad --port');
      const server = await startServer({
        dataDir,
        port,
        host: values.host ?? '127.0.0.1',
        allowRemote: values['allow-remote'] ?? false,
        log: jsonLineLogger(values.log),
      });
      console.log(`listening on ${server.url}`);
      const shutdown = () => void server.close().then(() => process.exit(0));
      process.on('SIGINT', shutdown);
      process.on('SIGTERM', shutdown);
      return;
    }
    case 'add-device': {
      const role = values.role ?? 'workstation';
      if (role !== 'workstation' && role !== 'supervisor') throw new UsageError('bad --role');
      if (values.id !== undefined && !uuid.safeParse(values.id).success) {
        throw new UsageError('--id must be a lowercase UUID (the workstation id)');
      }
      const db = openServerDb(dataDir);
      const created = addDevice(db, { name: need(values.name, '--name'), role, id: values.id });
      db.close();
      console.log(JSON.stringify(created));
      return;
    }
    case 'revoke-device': {
      const db = openServerDb(dataDir);
      const ok = revokeDevice(db, need(values.device, '--device ID'));
      db.close();
      if (!ok) throw new UsageError('no such active device');
      console.log(JSON.stringify({ revoked: values.device }));
      return;
    }
    case 'add-doctor': {
      const roles = (values.roles ?? 'doctor').split(',').map((r) => roleSchema.parse(r.trim()));
      if (values.pin !== undefined && !/^\d{4,8}$/.test(values.pin)) {
        throw new UsageError('--pin must be 4 to 8 digits');
      }
      const db = openServerDb(dataDir);
      const d = addDoctor(db, {
        name: need(values.name, '--name'),
        authId: need(values['auth-id'], '--auth-id'),
        roles,
        pin: values.pin,
      });
      db.close();
      // The PIN and its hash stay out of the output.
      console.log(
        JSON.stringify({ doctorId: d.id, name: d.name, roles: d.roles, pin: d.pinHash !== null }),
      );
      return;
    }
    case 'set-rules': {
      const json: unknown = JSON.parse(readFileSync(need(values.file, '--file FILE'), 'utf8'));
      const db = openServerDb(dataDir);
      const r = setRules(db, json);
      db.close();
      console.log(JSON.stringify(r));
      return;
    }
    default:
      throw new UsageError(`unknown command ${command}`);
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  const msg = e instanceof Error ? e.message : String(e);
  console.error(e instanceof UsageError ? `usage: ${msg}` : `error: ${msg}`);
  process.exit(e instanceof UsageError ? 64 : 1);
});
