import type { Store } from '../../../../data/store';
import { openTestStore } from '../../../support/store';
import { sendRound, testEngine } from '../../../support/noticeEngineHarness';
import { startStandInConnector, type StandInConnector } from '../../../support/teamsConnector';
import { publicityNotice, putRecipients, recipient } from '../fixtures';

let store: Store;
let connector: StandInConnector;
afterEach(async () => {
  await connector?.close();
  await store?.close();
});

describe('the staff member’s progress messages', () => {
  it('keep the per-conversation limits, also when the staff member’s chat gets the notice too', async () => {
    store = await openTestStore();
    connector = await startStandInConnector({ perBotPerSecond: 110 });
    const recipients = Array.from({ length: 4 }, (_, i) => recipient(i, connector.url));
    await putRecipients(store, recipients);
    // The staff member who sent it is one of the subscribers: conversation 0 gets the notice and the progress.
    const notice = publicityNotice({ progressTo: recipients[0]!.reference });
    await store.notices.upsert(notice);
    // One message per conversation in any 3 s (plus the engine's 1 s margin): Teams' limits, made tight enough to see.
    await sendRound(store, testEngine(store, { maxRps: 100, conversationWindows: [{ max: 1, ms: 3_000 }] }), notice.id);

    const toStaff = connector.received.filter((r) => r.conversationId === 'a:conv-0');
    const said = toStaff.map((r) => JSON.stringify(r.activity));
    expect(said.filter((t) => t.includes('Publicity: proposed second-batch members') && t.includes('attachments'))).toHaveLength(1);
    expect(said.at(-1)).toContain('发送进度：100%'); // staff read progress in the language they published in
    // Each message to that chat at least 2 s after the one before (the window is 4 s; arrival can lag its slot).
    for (let i = 1; i < toStaff.length; i++) expect(toStaff[i]!.at - toStaff[i - 1]!.at).toBeGreaterThanOrEqual(2_000);
    expect(connector.received.filter((r) => r.conversationId !== 'a:conv-0')).toHaveLength(3);
  }, 60_000);
});

describe('a proactive message outside a round (a feedback ask)', () => {
  it('waits for the slot a send took in its conversation, and not for another conversation’s', async () => {
    store = await openTestStore();
    const engine = testEngine(store, { maxRps: 100, conversationWindows: [{ max: 1, ms: 3_000 }] });
    const [mine, other] = [recipient(0, 'http://127.0.0.1:9').reference, recipient(1, 'http://127.0.0.1:9').reference];
    await engine.sendSlot(mine);
    const started = Date.now();
    await engine.sendSlot(other);
    const otherWaited = Date.now() - started;
    await engine.sendSlot(mine);
    // The window is 3 s plus the engine's 1 s margin; a busy machine only makes the wait longer.
    expect(Date.now() - started).toBeGreaterThanOrEqual(3_500);
    expect(otherWaited).toBeLessThan(3_000);
  });
});
