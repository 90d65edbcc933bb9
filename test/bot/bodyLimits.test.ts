import { request } from 'node:http';
import { ADMIN_TOKEN, startTestApp } from '../support/app';

/**
 * Sends the head of a PUT /api/admin/catalog that announces 6 MB and then only 1 KB of it: the answer can
 * come only from a server that decided without reading the body.
 */
function answerToUnfinishedUpload(url: string, authorization?: string, to: { method: string; path: string; type: string; announced: number } = { method: 'PUT', path: '/api/admin/catalog', type: 'application/json', announced: 6 * 1024 * 1024 }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${to.path}`, {
      method: to.method,
      headers: { 'content-type': to.type, 'content-length': String(to.announced), ...(authorization ? { authorization } : {}) },
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body });
        req.destroy();
      });
    });
    req.on('error', reject);
    req.write('{"suppliers":[' + ' '.repeat(1024));
  });
}

describe('the admin API checks who is asking before it reads a body (review finding d)', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('refuses an anonymous 6 MB upload at once, without waiting for its body', async () => {
    const answer = await answerToUnfinishedUpload(app.url);
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'Unauthorized' } });
  });

  it('refuses a wrong token the same way', async () => {
    const answer = await answerToUnfinishedUpload(app.url, 'Bearer not-the-admin-token-at-all');
    expect(answer.status).toBe(401);
  });

  it("refuses an anonymous 8 MB spreadsheet upload to the console's import route at once, without reading it", async () => {
    const sheet = { method: 'POST', path: '/staff/api/imports?kind=catalog&name=big.xlsx', type: 'application/octet-stream', announced: 8 * 1024 * 1024 };
    const answer = await answerToUnfinishedUpload(app.url, undefined, sheet);
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'Unauthorized' } });
    expect((await answerToUnfinishedUpload(app.url, 'Bearer not-the-admin-token-at-all', sheet)).status).toBe(401);
  });

  it('still reads a large body for a signed-in caller', async () => {
    const catalog = JSON.stringify({ suppliers: [{ note: 'x'.repeat(300 * 1024) }] });
    const response = await fetch(`${app.url}/api/admin/catalog`, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` }, body: catalog });
    expect(response.status).toBe(200);
  });
});
