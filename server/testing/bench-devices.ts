// Registers n devices in one process for the benchmark (bench/server.ts) and prints them as
// JSON: a CLI process per device would dominate the benchmark's set-up time.
import { addDevice } from '../auth';
import type { DeviceRole } from '../auth';
import { openStorage } from '../store/open';

export async function main(place: string[], n: number, role: DeviceRole): Promise<void> {
  const i = place.indexOf('--database');
  const store = await openStorage(
    i >= 0 ? { databaseUrl: place[i + 1] } : { dataDir: place[place.indexOf('--data') + 1] },
  );
  const out = [];
  for (let k = 0; k < n; k++) out.push(await addDevice(store, { name: `bench ${k}`, role }));
  await store.close();
  process.stdout.write(JSON.stringify(out));
}
