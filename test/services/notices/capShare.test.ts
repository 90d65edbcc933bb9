import type { Store } from '../../../data/store';
import { CapShare } from '../../../services/notices/capShare';
import { RateGate } from '../../../services/notices/limits';
import { openTestStore } from '../../support/store';

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

/** Two instances on one database, on a clock the test moves: the cap holds in sum at every step. */
describe('the cap shared among instances', () => {
  it('a joining instance sends only once the other has shrunk its share; one that leaves gives it back', async () => {
    store = await openTestStore();
    let now = Date.parse('2026-12-01T08:00:00Z');
    const clock = () => now;
    const gateA = new RateGate(30, clock);
    const gateB = new RateGate(30, clock);
    const a = new CapShare({ instanceId: 'a', meta: store.meta, maxRps: 30, gate: gateA, now: clock });
    const b = new CapShare({ instanceId: 'b', meta: store.meta, maxRps: 30, gate: gateB, now: clock });
    // What may leave both gates at once: the sum of the rates of the gates not held.
    const inSum = () => (gateA.held ? 0 : gateA.rate) + (gateB.held ? 0 : gateB.rate);

    expect(gateA.held).toBe(true); // closed until the first beat says how many share the cap
    await a.beat();
    expect({ held: gateA.held, rate: gateA.rate }).toEqual({ held: false, rate: 30 });

    now += 1_000;
    await b.beat();
    expect({ held: gateB.held, rate: gateB.rate }).toEqual({ held: true, rate: 15 });
    expect(inSum()).toBeLessThanOrEqual(30);
    now += 1_000;
    await b.beat(); // a has not beaten since b joined: b stays closed
    expect(gateB.held).toBe(true);

    now += 3_000;
    await a.beat(); // a's beat is due (5 s): it reads b and halves
    expect(gateA.rate).toBe(15);
    now += 1_000;
    await b.beat();
    expect({ held: gateB.held, rate: gateB.rate }).toEqual({ held: false, rate: 15 });
    expect(inSum()).toBe(30);

    await a.leave();
    expect(gateA.held).toBe(true);
    now += 1_000;
    await b.beat(); // not due yet (5 s since its last)
    now += 4_000;
    await b.beat();
    expect({ held: gateB.held, rate: gateB.rate }).toEqual({ held: false, rate: 30 });
    expect(inSum()).toBe(30);
  });
});
