import { unzipSync } from 'fflate';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { loadUnderstandingData } from '../../data/understanding/load';
import { t } from '../../services/i18n';
import { LexiconRecognizer } from '../../services/understanding/lexiconRecognizer';
import { buildManifest, buildPackage, COMMANDS, packageSettings, validatePackage } from '../../teams/appPackage';

const env = { TEAMS_APP_BOT_ID: '0b7d5c1e-8a3f-4c2d-9e61-2f4a8b9c0d1e', BOT_DOMAIN: 'pool-assistant.azurewebsites.net' };
let out: string;
beforeAll(() => (out = mkdtempSync(join(tmpdir(), 'teams-package-'))));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('Teams app package', () => {
  it('builds a zip whose manifest validates against the v1.24 schema, with the bot id from configuration', () => {
    const { path } = buildPackage(packageSettings(env), out);
    const files = unzipSync(readFileSync(path));
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png', 'zh-cn.json']);
    const manifest = JSON.parse(Buffer.from(files['manifest.json']!).toString('utf8'));
    const zhCn = JSON.parse(Buffer.from(files['zh-cn.json']!).toString('utf8'));
    expect(validatePackage(manifest, zhCn, { color: Buffer.from(files['color.png']!), outline: Buffer.from(files['outline.png']!) })).toEqual([]);
    expect(manifest.manifestVersion).toBe('1.24');
    expect(manifest.bots[0].botId).toBe(env.TEAMS_APP_BOT_ID);
    expect(manifest.bots[0].scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(manifest.validDomains).toEqual(['pool-assistant.azurewebsites.net']);
    expect(PNG.sync.read(Buffer.from(files['color.png']!))).toMatchObject({ width: 192, height: 192 });
    expect(PNG.sync.read(Buffer.from(files['outline.png']!))).toMatchObject({ width: 32, height: 32 });
    // Commands in English in the manifest and in Chinese in zh-cn.json, for each scope.
    expect(manifest.bots[0].commandLists).toHaveLength(3);
    expect(manifest.bots[0].commandLists[1].commands[1]).toEqual({ title: 'application status', description: t('en-US', 'teamsCommandStatusHint') });
    expect(zhCn['bots[0].commandLists[1].commands[1].title']).toBe('查询申报进度');
    expect(zhCn['name.short']).toBe('资源池助手');
    expect(manifest.staticTabs).toBeUndefined();
  });

  it('uses MicrosoftAppId when TEAMS_APP_BOT_ID is not set, and says what is missing', () => {
    expect(packageSettings({ MicrosoftAppId: env.TEAMS_APP_BOT_ID, BOT_DOMAIN: 'https://bot.example.cn/' })).toMatchObject({ botId: env.TEAMS_APP_BOT_ID, appId: env.TEAMS_APP_BOT_ID, domain: 'bot.example.cn' });
    expect(() => packageSettings({ BOT_DOMAIN: 'bot.example.cn' })).toThrow(/TEAMS_APP_BOT_ID \(or MicrosoftAppId\)/);
    expect(() => packageSettings({ TEAMS_APP_BOT_ID: 'not-a-guid', BOT_DOMAIN: 'bot.example.cn' })).toThrow(/not "not-a-guid"/);
    expect(() => packageSettings({ TEAMS_APP_BOT_ID: env.TEAMS_APP_BOT_ID })).toThrow(/BOT_DOMAIN/);
  });

  it('rejects what Teams would reject: a broken manifest, wrong icon sizes, a coloured outline', () => {
    const { manifest, zhCn } = buildManifest(packageSettings(env));
    const icons = { color: readFileSync(join(__dirname, '../../appPackage/color.png')), outline: readFileSync(join(__dirname, '../../appPackage/outline.png')) };
    const broken = { ...manifest, accentColor: 'red', bots: [{ ...(manifest.bots as object[])[0], botId: 'nope' }] };
    const errors = validatePackage(broken, { ...zhCn, 'name.short': 'x'.repeat(31) }, { color: icons.outline, outline: icons.color });
    expect(errors).toEqual(expect.arrayContaining([
      expect.stringMatching(/^manifest\.json\/accentColor /),
      expect.stringMatching(/^manifest\.json\/bots\/0\/botId /),
      expect.stringMatching(/^zh-cn\.json\/name\.short /),
      'color.png must be 192×192, not 32×32',
      'outline.png must be 32×32, not 192×192',
      'outline.png must be white on a transparent background',
    ]));
  });

  it('adds the staff tab only when TEAMS_STAFF_TAB is on', () => {
    const { manifest, zhCn } = buildManifest(packageSettings({ ...env, TEAMS_STAFF_TAB: 'on' }));
    expect(manifest.staticTabs).toEqual([expect.objectContaining({ entityId: 'staff', contentUrl: 'https://pool-assistant.azurewebsites.net/staff?inTeams=1', scopes: ['personal'] })]);
    expect(zhCn['staticTabs[0].name']).toBe(t('zh-CN', 'teamsStaffTab'));
    expect(manifest.webApplicationInfo).toBeUndefined();
  });

  it("names the tab's single sign-on app (webApplicationInfo) when STAFF_TAB_CLIENT_ID is set, valid against the schema", async () => {
    const clientId = '6f1f3b2a-9c4e-4d8b-a1f0-2b3c4d5e6f70';
    const { manifest: m, zhCn } = buildManifest(packageSettings({ ...env, TEAMS_STAFF_TAB: 'on', STAFF_TAB_CLIENT_ID: clientId }));
    expect(m.webApplicationInfo).toEqual({ id: clientId, resource: `api://pool-assistant.azurewebsites.net/${clientId}` });
    const icons = { color: readFileSync(join(__dirname, '../../appPackage/color.png')), outline: readFileSync(join(__dirname, '../../appPackage/outline.png')) };
    expect(validatePackage(m, zhCn, icons)).toEqual([]);
    expect(() => packageSettings({ ...env, TEAMS_STAFF_TAB: 'on', STAFF_TAB_CLIENT_ID: 'not-a-guid' })).toThrow(/STAFF_TAB_CLIENT_ID must be/);
    expect(() => packageSettings({ ...env, TEAMS_STAFF_TAB: 'on', STAFF_TAB_CLIENT_ID: clientId, STAFF_TAB_RESOURCE: 'api://elsewhere.example/x' })).toThrow(/on the tab's domain/);
  });

  it('offers only commands the bot understands, in both languages', async () => {
    const recognizer = new LexiconRecognizer(loadUnderstandingData());
    const expected = ['help', 'application_status', 'evaluation_status', 'find_supplier', 'publicity', 'subscribe', 'contact_staff'];
    for (const locale of ['zh-CN', 'en-US'] as const) {
      const understood = await Promise.all(COMMANDS.map(async (c) => recognizer.understand(t(locale, c.title))));
      expect(understood.map((u) => u.intent)).toEqual(expected);
      for (const u of understood) expect(u.score).toBeGreaterThanOrEqual(0.55);
    }
  });
});
