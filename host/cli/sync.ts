// Sync set-up from the command line (docs/sync.md), for the machine's operator:
//   workstation-id --data DIR                            prints this workstation's id (for add-device --id)
//   sync-configure --data DIR --server URL --token TOKEN  tests the server and token, saves sync-config.json (0600)
// The console's "Synkronisering" screen does the same for a signed-in supervisor. A running
// Vagtkonsol reads a configuration saved here at its next start.
import path from 'node:path';
import { HostError } from '../../shared/contract/errors';
import { openDatabase } from '../db/open';
import { DB_FILE } from '../host';
import { ensureWorkstation } from '../stores/workstation';
import { checkSyncServer, normaliseServerUrl } from '../sync-link';
import { saveSyncConfig } from '../sync/config';
import { option } from './args';

function workstationIdOf(dataDir: string): string {
  const db = openDatabase(path.join(dataDir, DB_FILE));
  try {
    return ensureWorkstation(db, new Date().toISOString());
  } finally {
    db.close();
  }
}

export async function syncCommand(command: string, args: string[]): Promise<number> {
  const dataDir = option(args, '--data');
  if (!dataDir) {
    process.stderr.write('Angiv datamappen med --data MAPPE.\n');
    return 64;
  }
  if (command === 'workstation-id') {
    process.stdout.write(workstationIdOf(path.resolve(dataDir)) + '\n');
    return 0;
  }
  const server = option(args, '--server');
  const token = option(args, '--token');
  if (!server || !token) {
    process.stderr.write('Angiv --server URL og --token NØGLE.\n');
    return 64;
  }
  try {
    const serverUrl = normaliseServerUrl(server);
    const role = await checkSyncServer(serverUrl, token.trim());
    saveSyncConfig(path.resolve(dataDir), { serverUrl, token: token.trim() });
    process.stdout.write(
      JSON.stringify({ serverUrl, role, workstationId: workstationIdOf(path.resolve(dataDir)) }) +
        '\n',
    );
    return 0;
  } catch (err) {
    if (err instanceof HostError) {
      process.stderr.write(`Fejl: ${err.message} ${JSON.stringify(err.details ?? {})}\n`);
      return 2;
    }
    throw err;
  }
}
