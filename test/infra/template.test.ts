import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTAINERS } from '../../data/containers';

/**
 * infra/azuredeploy.json checked offline. No ARM or Bicep validator installs here (the Bicep CLI and
 * `az deployment … validate` need downloads or an Azure login), so this checks what they would and what
 * matters to the bot: template language (every parameter and variable an expression names is declared,
 * every declared one used, dependsOn names resources of the template), and the content: the containers and
 * partition keys of data/containers.ts, Node LTS and the health check on App Service, the app settings the
 * bot reads, the Teams and Direct Line channels.
 */
interface Resource {
  type: string;
  apiVersion: string;
  name: string;
  dependsOn?: string[];
  properties?: Record<string, unknown>;
  [field: string]: unknown;
}
interface Template {
  $schema: string;
  parameters: Record<string, { type: string; defaultValue?: unknown; allowedValues?: unknown[]; metadata?: { description?: string } }>;
  variables: Record<string, unknown> & { containers: { id: string; partitionKey: string; defaultTtl?: number }[] };
  resources: Resource[];
  outputs: Record<string, unknown>;
}

const root = join(__dirname, '..', '..');
const template = JSON.parse(readFileSync(join(root, 'infra', 'azuredeploy.json'), 'utf8')) as Template;
const parameterFile = JSON.parse(readFileSync(join(root, 'infra', 'azuredeploy.parameters.json'), 'utf8')) as { parameters: Record<string, unknown> };
const expressions = JSON.stringify(template).match(/"\[[^"]*\]"/g) ?? [];
const named = (kind: 'parameters' | 'variables') => new Set(expressions.flatMap((e) => [...e.matchAll(new RegExp(`${kind}\\('([^']+)'\\)`, 'g'))].map((m) => m[1]!)));
const byType = (type: string) => template.resources.filter((r) => r.type === type);
const site = byType('Microsoft.Web/sites')[0]!;
const siteConfig = (site.properties as { siteConfig: { linuxFxVersion: string; healthCheckPath: string; appCommandLine: string; appSettings: { name: string; value: string }[] } }).siteConfig;

describe('the Azure template (infra/azuredeploy.json)', () => {
  it('is a deployment template whose expressions name only what it declares, and uses all it declares', () => {
    expect(template.$schema).toBe('https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#');
    expect([...named('parameters')].filter((p) => !(p in template.parameters))).toEqual([]);
    expect([...named('variables')].filter((v) => !(v in template.variables))).toEqual([]);
    expect(Object.keys(template.parameters).filter((p) => !named('parameters').has(p))).toEqual([]);
    expect(Object.keys(template.variables).filter((v) => !named('variables').has(v))).toEqual([]);
    // Brackets balance in every expression (a typo there fails the deployment, not the JSON parser).
    for (const e of expressions) expect([...e].filter((c) => c === '(').length).toBe([...e].filter((c) => c === ')').length);
    for (const p of Object.values(template.parameters)) expect(p.metadata?.description).toBeTruthy();
  });

  it('names in dependsOn only resources it deploys, each with an API version', () => {
    const types = new Set(template.resources.map((r) => r.type));
    for (const resource of template.resources) {
      expect(resource.apiVersion).toMatch(/^\d{4}-\d{2}-\d{2}(-preview)?$/);
      for (const dependency of resource.dependsOn ?? []) expect(types).toContain(/resourceId\('([^']+)'/.exec(dependency)?.[1]);
    }
  });

  it('has a parameter file that sets only declared parameters and every required one but the secrets', () => {
    expect(Object.keys(parameterFile.parameters).filter((p) => !(p in template.parameters))).toEqual([]);
    const required = Object.entries(template.parameters).filter(([, p]) => p.defaultValue === undefined && p.type !== 'securestring').map(([name]) => name);
    expect(required.filter((p) => !(p in parameterFile.parameters))).toEqual([]);
  });

  it('creates Cosmos DB serverless with exactly the containers and partition keys the bot uses', () => {
    const account = byType('Microsoft.DocumentDB/databaseAccounts')[0]!;
    expect(account.properties!.capabilities).toEqual([{ name: 'EnableServerless' }]);
    const expected = Object.values(CONTAINERS).map((c) => ({ id: c.id, partitionKey: c.partitionKey, ...('defaultTtl' in c ? { defaultTtl: c.defaultTtl } : {}) }));
    expect(template.variables.containers).toEqual(expected);
    expect(byType('Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers')[0]!.copy).toEqual({ name: 'containers', count: "[length(variables('containers'))]" });
  });

  it('runs the bot on App Service, Node LTS on Linux, with the health check and the settings the bot reads', () => {
    expect(template.parameters.nodeVersion!.allowedValues).toEqual(['20-lts', '22-lts']);
    expect(siteConfig.linuxFxVersion).toBe("[format('NODE|{0}', parameters('nodeVersion'))]");
    expect(siteConfig.healthCheckPath).toBe('/healthz');
    expect(siteConfig.appCommandLine).toBe('npm start');
    const settings = siteConfig.appSettings.map((s) => s.name);
    for (const name of ['NODE_ENV', 'PUBLIC_BASE_URL', 'MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppType', 'MicrosoftAppTenantId', 'COSMOS_ENDPOINT', 'COSMOS_KEY', 'COSMOS_DATABASE', 'ADMIN_TOKEN', 'ALLOWED_TENANTS', 'DIRECT_LINE_SECRET']) {
      expect(settings).toContain(name);
    }
    // Every setting the bot reads is in the README's configuration table.
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const botSettings = settings.filter((s) => !/^(SCM_|APPLICATIONINSIGHTS_|ApplicationInsightsAgent_)/.test(s));
    expect(botSettings.filter((s) => !new RegExp(`\\| (🔒 )?\`${s}\``).test(readme))).toEqual([]); // 🔒 marks a setting that matters for security
    expect(byType('Microsoft.Insights/components')).toHaveLength(1);
  });

  it('registers the Azure Bot at the web app with the Teams and Direct Line channels', () => {
    const bot = byType('Microsoft.BotService/botServices')[0]!;
    expect(bot.properties!.endpoint).toBe("[format('https://{0}/api/messages', variables('hostName'))]");
    expect(bot.properties!.msaAppId).toBe("[parameters('botAppId')]");
    const channels = byType('Microsoft.BotService/botServices/channels').map((c) => (c.properties as { channelName: string }).channelName);
    expect(channels.sort()).toEqual(['DirectLineChannel', 'MsTeamsChannel']);
  });
});
