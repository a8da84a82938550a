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
import { parseOptions } from './args';

/** The sync link's stable detail codes said in Danish (its messages are for logs). */
const DANISH: Record<string, string> = {
  SYNC_URL: 'Serveradressen skal være en http(s)-adresse uden brugernavn eller forespørgsel.',
  SYNC_TOKEN: 'Nøglen er ikke gyldig.',
  SYNC_UNREACHABLE: 'Serveren svarede ikke.',
  SYNC_NOT_SERVER: 'Adressen er ikke en Vagtkonsol-synkroniseringsserver (protokol 1).',
  SYNC_TOKEN_REFUSED: 'Serveren afviste nøglen.',
};

function workstationIdOf(dataDir: string): string {
  const db = openDatabase(path.join(dataDir, DB_FILE));
  try {
    return ensureWorkstation(db, new Date().toISOString());
  } finally {
    db.close();
  }
}

export async function syncCommand(command: string, args: string[]): Promise<number> {
  const spec =
    command === 'workstation-id'
      ? { names: ['data'], required: ['data'] }
      : { names: ['data', 'server', 'token'], required: ['data', 'server', 'token'] };
  const { options } = parseOptions(args, spec);
  const dataDir = options.data!;
  if (command === 'workstation-id') {
    process.stdout.write(workstationIdOf(path.resolve(dataDir)) + '\n');
    return 0;
  }
  const server = options.server!;
  const token = options.token!;
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
      const code = Object.values(err.details ?? {})[0] ?? '';
      const text = DANISH[code] ?? 'Synkroniseringen kunne ikke sættes op.';
      // The stable code in brackets lets a script tell the cases apart.
      process.stderr.write(`Fejl: ${text}${code ? ` (${code})` : ''}\n`);
      return 2;
    }
    throw err;
  }
}
