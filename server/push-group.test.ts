// Group commit (D49): pushes arriving while an item write runs are written together in the next
// one. What must hold whatever the grouping: each push gets its own answers in order, revisions
// of one record stay ordered across pushes, a duplicate is still a duplicate, and a database
// fault fails the whole group with nothing stored (each client resends).
import { afterEach, beforeEach, expect, it } from 'vitest';
import { makeContact } from '../shared/sync/testing/contact-fixture';
import type { PushItem } from '../shared/sync/protocol';
import { addDevice, type Device } from './auth';
import { createPush } from './push';
import { openStorage } from './store/open';
import type { Storage } from './store/types';
import { describeBackends, testPlace, type TestPlace } from './testing/backends';

const item = (ws: string, i: number, rev = 1): PushItem => {
  const c = makeContact(ws, i, rev);
  return { id: c.id, type: 'contact', rev, payload: c };
};

describeBackends('sync push, group commit (D49)', (backend) => {
  let place: TestPlace;
  let store: Storage;
  let writes: number;
  let failNext: boolean;
  let devices: Device[];
  beforeEach(async () => {
    place = await testPlace(backend);
    const real = await openStorage(place);
    writes = 0;
    failNext = false;
    // Counts item writes, and can make one fail as a database fault would (after its inserts).
    store = {
      ...real,
      items: {
        ...real.items,
        write: (fn, opts) => {
          writes++;
          return real.items.write(async (tx) => {
            const out = await fn(tx);
            if (failNext) {
              failNext = false;
              throw new Error('database went away');
            }
            return out;
          }, opts);
        },
      },
    };
    devices = [];
    for (let k = 0; k < 3; k++) {
      const d = await addDevice(store, { name: `ws ${k}`, role: 'workstation' });
      devices.push({ id: d.deviceId, name: `ws ${k}`, role: 'workstation' });
    }
  });
  afterEach(async () => {
    await store.close();
    await place.drop();
  });

  it('answers 30 simultaneous one-item pushes each for itself, in fewer writes than pushes', async () => {
    const push = createPush(store);
    const sent = Array.from({ length: 30 }, (_, k) => ({
      device: devices[k % 3]!,
      items: [item(devices[k % 3]!.id, k)],
    }));
    const answers = await Promise.all(sent.map((s) => push(s.device, s.items)));
    answers.forEach((a, k) =>
      expect(a).toEqual([{ id: sent[k]!.items[0]!.id, rev: 1, status: 'accepted' }]),
    );
    expect(writes).toBeLessThan(30);
    expect(await store.items.count()).toBe(30);
  });

  it('keeps one record ordered across grouped pushes, and a duplicate stays a duplicate', async () => {
    const push = createPush(store);
    const d = devices[0]!;
    const [r1, r1again, r2, r3, foreign] = await Promise.all([
      push(d, [item(d.id, 1, 1)]),
      push(d, [item(d.id, 1, 1)]),
      push(d, [item(d.id, 1, 2)]),
      push(d, [item(d.id, 1, 3), item(d.id, 2, 2)]),
      // Another device sending the same id: refused, whoever's push is grouped with it.
      push(devices[1]!, [{ ...item(d.id, 1, 4) }]),
    ]);
    expect(r1![0]!.status).toBe('accepted');
    expect(r1again![0]!.status).toBe('duplicate');
    expect(r2![0]!.status).toBe('accepted');
    expect(r3!.map((r) => r.status)).toEqual(['accepted', 'conflict']);
    expect(foreign![0]!.status).toBe('rejected');
    const revs = (await store.items.pull(0, null, 100)).map((i) => i.rev);
    expect(revs).toEqual([1, 2, 3]);
  });

  it('fails every push of a group on a database fault, storing none of it; the resend is accepted', async () => {
    const push = createPush(store);
    const d = devices[0]!;
    failNext = true;
    const first = push(d, [item(d.id, 10)]);
    const grouped = [push(d, [item(d.id, 11)]), push(devices[1]!, [item(devices[1]!.id, 12)])];
    await expect(first).rejects.toThrow('database went away');
    // The two behind it were grouped into the next write, which succeeds.
    expect((await Promise.all(grouped)).map((a) => a[0]!.status)).toEqual(['accepted', 'accepted']);
    expect(await store.items.count()).toBe(2);
    expect((await push(d, [item(d.id, 10)]))[0]!.status).toBe('accepted');
    expect(await store.items.count()).toBe(3);
  });
});
