import { startApp } from '../../bot/server';
import { loadUnderstandingData } from '../../data/understanding/load';
import { LexiconRecognizer } from '../../services/understanding/lexiconRecognizer';
import type { UnderstandingService } from '../../services/understanding/intents';
import { silentLog, testConfig } from '../support/app';
import { DirectLineClient } from '../support/directLineClient';
import { openTestStore } from '../support/store';

describe('closing the server', () => {
  it('lets a turn in flight finish and answer, while refusing new work', async () => {
    const keywords = new LexiconRecognizer(loadUnderstandingData());
    // The slow turn says when it has begun and waits for the test to let it go: no timing to win on a busy machine.
    let begun!: () => void;
    const turnBegun = new Promise<void>((resolve) => (begun = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const slow: UnderstandingService = {
      async understand(text) {
        if (text.includes('慢')) {
          begun();
          await released;
        }
        return keywords.understand(text);
      },
    };
    const store = await openTestStore();
    const app = await startApp(testConfig(), silentLog, { store, understanding: slow });
    try {
      const dl = new DirectLineClient(app.url);
      await dl.start();
      await dl.say('你好');
      const inFlight = dl.say('慢一点：转人工');
      await turnBegun;
      const closed = app.close(60_000);

      const refused = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"message"}' });
      expect(refused.status).toBe(503);
      expect((await fetch(`${app.url}/healthz`)).status).toBe(503);

      release();
      expect(await inFlight).toBe(200);
      await closed;
      const log = app.directLine!.conversations.get(dl.conversationId)!.activities;
      expect(log.at(-1)?.text).toContain('刘坤东，电话 020-83133375');
      await expect(fetch(`${app.url}/healthz`)).rejects.toThrow();
    } finally {
      await app.close();
      await store.close();
    }
  });
});
