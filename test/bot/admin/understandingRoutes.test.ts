import { ADMIN_TOKEN, startTestApp } from '../../support/app';
import { DirectLineClient } from '../../support/directLineClient';

const json = { 'content-type': 'application/json' };
const staff = { ...json, authorization: `Bearer ${ADMIN_TOKEN}` };

describe('staff diagnostics', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const understand = (body: unknown, headers: Record<string, string> = staff) =>
    fetch(`${app.url}/api/admin/understand`, { method: 'POST', headers, body: JSON.stringify(body) });

  it('say what the bot understood: intent, score and entities', async () => {
    const response = await understand({ text: '查一下申报进度，信用代码9144O600K0TG2116W9，佛山' });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({
      intent: 'application_status',
      score: expect.any(Number),
      entities: { city: '佛山', nearCreditCode: { problem: 'characters', suggestion: '91440600K0TG2116W9' } },
    });
  });

  it('require the staff token', async () => {
    expect((await understand({ text: 'x' }, json)).status).toBe(401);
    const wrong = await understand({ text: 'x' }, { ...json, authorization: 'Bearer not-the-token-at-all' });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ error: { code: 'Unauthorized', message: expect.any(String) } });
  });

  it('answer bad bodies with JSON 400', async () => {
    for (const body of [{}, { text: '' }, { text: 42 }, { text: 'x'.repeat(2001) }]) {
      const response = await understand(body);
      expect(response.status).toBe(400);
      expect((await response.json()).error.code).toBe('BadArgument');
    }
  });

  it('export the unclear messages of real conversations, redacted, as JSON and CSV', async () => {
    const dl = new DirectLineClient(app.url, 'diag-user');
    await dl.start();
    await dl.say('今天天气怎么样 我电话13812345678');
    const exported = await fetch(`${app.url}/api/admin/utterances`, { headers: staff });
    const { utterances } = await exported.json();
    expect(utterances).toEqual([expect.objectContaining({ text: '今天天气怎么样 我电话[phone]', intent: 'none', channelId: 'directline', locale: 'zh-CN' })]);

    const csv = await fetch(`${app.url}/api/admin/utterances?format=csv`, { headers: staff });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    expect(text).toContain('at,text,intent,score,alternatives,locale,channel');
    expect(text).toContain('今天天气怎么样 我电话[phone]');
    expect(text).not.toContain('13812345678');

    expect((await fetch(`${app.url}/api/admin/utterances?from=yesterday`, { headers: staff })).status).toBe(400);
    expect((await fetch(`${app.url}/api/admin/utterances`)).status).toBe(401);
  });
});

describe('without ADMIN_TOKEN', () => {
  it('the staff routes are off and say so; with UTTERANCE_LOG=off nothing is kept', async () => {
    const app = await startTestApp(undefined, { UTTERANCE_LOG: 'off' });
    try {
      const response = await fetch(`${app.url}/api/admin/understand`, { method: 'POST', headers: json, body: '{"text":"x"}' });
      expect(response.status).toBe(503);
      expect((await response.json()).error.code).toBe('AdminDisabled');
      const dl = new DirectLineClient(app.url);
      await dl.start();
      await dl.say('今天天气怎么样');
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
      await expect(app.ownStore.utterances.listDays(today, today)).resolves.toEqual([]);
    } finally {
      await app.close();
    }
  });
});
