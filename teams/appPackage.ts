import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { zipSync } from 'fflate';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { t, type Locale, type MessageKey } from '../services/i18n';

/**
 * The Teams app package (manifest.json, the zh-cn localization file and two icons in one zip), as the Teams
 * admin centre or "Upload a custom app" takes it. The manifest is validated against Microsoft's JSON schema
 * for its version before zipping; the schemas come from the npm package @microsoft/app-manifest (the
 * Microsoft 365 Agents Toolkit's own copy), so nothing is downloaded at build or test time.
 */
export const MANIFEST_VERSION = '1.24';
const SCHEMA_DIR = join(require.resolve('@microsoft/app-manifest/package.json'), '..', 'build', 'json-schemas', 'teams', `v${MANIFEST_VERSION}`);
const PACKAGE_DIR = join(__dirname, '..', 'appPackage');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/i;

export interface PackageSettings {
  /** The Azure Bot's Microsoft App ID (TEAMS_APP_BOT_ID, else MicrosoftAppId). */
  botId: string;
  /** The Teams app's own id (TEAMS_APP_ID); by default the bot id, as Teams allows. */
  appId: string;
  /** Public host of the bot (BOT_DOMAIN, e.g. pool-assistant.azurewebsites.net), for validDomains and links. */
  domain: string;
  version: string;
  /** TEAMS_STAFF_TAB=on: a personal static tab for staff showing https://{domain}/staff. */
  staffTab: boolean;
  /**
   * The tab's single sign-on (webApplicationInfo): STAFF_TAB_CLIENT_ID, the Entra app the bot validates the
   * tab's tokens for, and STAFF_TAB_RESOURCE (default api://{domain}/{client id}), the same values the bot reads.
   */
  sso?: { id: string; resource: string };
}

export class PackageError extends Error {}

/** Reads the settings from the environment, with messages that say what to set. */
export function packageSettings(env: NodeJS.ProcessEnv): PackageSettings {
  const botId = (env.TEAMS_APP_BOT_ID || env.MicrosoftAppId || '').trim();
  if (!GUID.test(botId)) throw new PackageError(`Set TEAMS_APP_BOT_ID (or MicrosoftAppId) to the Azure Bot's Microsoft App ID, a GUID${botId ? `, not "${botId}"` : ''}.`);
  const appId = (env.TEAMS_APP_ID || botId).trim();
  if (!GUID.test(appId)) throw new PackageError(`TEAMS_APP_ID must be a GUID, not "${appId}".`);
  const domain = (env.BOT_DOMAIN || '').trim().replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  if (!HOST.test(domain)) throw new PackageError(`Set BOT_DOMAIN to the bot's public host name (e.g. pool-assistant.azurewebsites.net)${domain ? `, not "${domain}"` : ''}.`);
  const version = (JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;
  const staffTab = /^(on|true|1|yes)$/i.test(env.TEAMS_STAFF_TAB ?? '');
  const ssoId = (env.STAFF_TAB_CLIENT_ID ?? '').trim();
  if (ssoId && !GUID.test(ssoId)) throw new PackageError(`STAFF_TAB_CLIENT_ID must be the Entra app's client id, a GUID, not "${ssoId}".`);
  const resource = (env.STAFF_TAB_RESOURCE ?? '').trim() || `api://${domain}/${ssoId}`;
  if (ssoId && !resource.startsWith(`api://${domain}/`)) throw new PackageError(`STAFF_TAB_RESOURCE must be on the tab's domain (api://${domain}/…), not "${resource}": Teams requires it.`);
  return { botId, appId, domain, version, staffTab, ...(staffTab && ssoId ? { sso: { id: ssoId, resource } } : {}) };
}

/** The commands Teams offers in its compose box, in every scope; each is a sentence the bot understands. */
export const COMMANDS: { title: MessageKey; description: MessageKey }[] = [
  { title: 'teamsCommandHelp', description: 'teamsCommandHelpHint' },
  { title: 'teamsCommandStatus', description: 'teamsCommandStatusHint' },
  { title: 'teamsCommandEvaluation', description: 'teamsCommandEvaluationHint' },
  { title: 'teamsCommandSupplier', description: 'teamsCommandSupplierHint' },
  { title: 'teamsCommandPublicity', description: 'teamsCommandPublicityHint' },
  { title: 'teamsCommandSubscribe', description: 'teamsCommandSubscribeHint' },
  { title: 'teamsCommandStaff', description: 'teamsCommandStaffHint' },
];
const SCOPES = ['personal', 'team', 'groupChat'];

function strings(locale: Locale) {
  return {
    shortName: t(locale, 'assistantName'),
    fullName: t(locale, 'teamsAppFullName'),
    short: t(locale, 'teamsAppShortDescription'),
    full: t(locale, 'teamsAppFullDescription'),
    commands: COMMANDS.map((c) => ({ title: t(locale, c.title), description: t(locale, c.description) })),
    staffTab: t(locale, 'teamsStaffTab'),
  };
}

/** manifest.json in English (Teams' default language) and the zh-cn file that translates it. */
export function buildManifest(settings: PackageSettings): { manifest: Record<string, unknown>; zhCn: Record<string, unknown> } {
  const en = strings('en-US');
  const zh = strings('zh-CN');
  const site = `https://${settings.domain}/`;
  const manifest: Record<string, unknown> = {
    $schema: `https://developer.microsoft.com/en-us/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`,
    manifestVersion: MANIFEST_VERSION,
    version: settings.version,
    id: settings.appId,
    localizationInfo: { defaultLanguageTag: 'en-us', additionalLanguages: [{ languageTag: 'zh-cn', file: 'zh-cn.json' }] },
    developer: { name: en.shortName, websiteUrl: site, privacyUrl: site, termsOfUseUrl: site },
    name: { short: en.shortName, full: en.fullName },
    description: { short: en.short, full: en.full },
    icons: { color: 'color.png', outline: 'outline.png' },
    accentColor: '#B4261A',
    bots: [
      {
        botId: settings.botId,
        scopes: SCOPES,
        supportsFiles: false,
        isNotificationOnly: false,
        commandLists: SCOPES.map((scope) => ({ scopes: [scope], commands: en.commands })),
      },
    ],
    ...(settings.staffTab
      ? { staticTabs: [{ entityId: 'staff', name: en.staffTab, contentUrl: `${site}staff?inTeams=1`, websiteUrl: `${site}staff`, scopes: ['personal'] }] }
      : {}),
    permissions: ['identity', 'messageTeamMembers'],
    validDomains: [settings.domain],
    // Teams' single sign-on for the staff tab: Teams hands it a token for this app (getAuthToken).
    ...(settings.sso ? { webApplicationInfo: { id: settings.sso.id, resource: settings.sso.resource } } : {}),
  };
  const zhCn: Record<string, unknown> = {
    $schema: `https://developer.microsoft.com/en-us/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.Localization.schema.json`,
    'name.short': zh.shortName,
    'name.full': zh.fullName,
    'description.short': zh.short,
    'description.full': zh.full,
    ...Object.fromEntries(
      SCOPES.flatMap((_, list) =>
        zh.commands.flatMap((command, i) => [
          [`bots[0].commandLists[${list}].commands[${i}].title`, command.title],
          [`bots[0].commandLists[${list}].commands[${i}].description`, command.description],
        ]),
      ),
    ),
    ...(settings.staffTab ? { 'staticTabs[0].name': zh.staffTab } : {}),
  };
  return { manifest, zhCn };
}

function schema(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(SCHEMA_DIR, name), 'utf8')) as Record<string, unknown>;
}

/** Schema errors as "path message" lines; empty when valid. Icons are checked for size and PNG-ness too. */
export function validatePackage(manifest: unknown, zhCn: unknown, icons: { color: Buffer; outline: Buffer }): string[] {
  // The localization schema's patterns are not valid as unicode regular expressions (a lone `]`), as in the toolkit's own validator.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const errors: string[] = [];
  for (const [file, value, schemaFile] of [
    ['manifest.json', manifest, 'MicrosoftTeams.schema.json'],
    ['zh-cn.json', zhCn, 'MicrosoftTeams.Localization.schema.json'],
  ] as const) {
    const validate = ajv.compile(schema(schemaFile));
    if (!validate(value)) errors.push(...(validate.errors ?? []).map((e) => `${file}${e.instancePath || '/'} ${e.message ?? 'is invalid'}`));
  }
  for (const [name, png, size] of [['color.png', icons.color, 192], ['outline.png', icons.outline, 32]] as const) {
    let image: PNG;
    try {
      image = PNG.sync.read(png);
    } catch {
      errors.push(`${name} is not a PNG`);
      continue;
    }
    if (image.width !== size || image.height !== size) errors.push(`${name} must be ${size}×${size}, not ${image.width}×${image.height}`);
    if (name === 'outline.png') {
      // Teams: the outline icon is white on transparent.
      for (let i = 0; i < image.data.length; i += 4) {
        if (image.data[i + 3]! > 0 && (image.data[i]! < 250 || image.data[i + 1]! < 250 || image.data[i + 2]! < 250)) {
          errors.push('outline.png must be white on a transparent background');
          break;
        }
      }
    }
  }
  return errors;
}

/** Builds, validates and writes appPackage/build/pool-assistant-<version>.zip; throws with every error. */
export function buildPackage(settings: PackageSettings, outDir = join(PACKAGE_DIR, 'build')): { path: string; manifest: Record<string, unknown> } {
  const { manifest, zhCn } = buildManifest(settings);
  const icons = { color: readFileSync(join(PACKAGE_DIR, 'color.png')), outline: readFileSync(join(PACKAGE_DIR, 'outline.png')) };
  const errors = validatePackage(manifest, zhCn, icons);
  if (errors.length) throw new PackageError(`The Teams app manifest is not valid:\n  ${errors.join('\n  ')}`);
  const json = (value: unknown) => new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);
  const zip = zipSync({ 'manifest.json': json(manifest), 'zh-cn.json': json(zhCn), 'color.png': icons.color, 'outline.png': icons.outline });
  mkdirSync(outDir, { recursive: true });
  const path = join(outDir, `pool-assistant-${settings.version}.zip`);
  writeFileSync(path, zip);
  return { path, manifest };
}
