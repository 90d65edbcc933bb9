import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

// The folder rules are only worth what they catch: lint imports that break them, at one and at two levels
// deep, against the project's own eslint.config.mjs, and check each is refused while the allowed ones pass.
// ESLint loads its flat config by dynamic import, which Jest's VM does not allow: one child process lints
// every case (one process, not one per case, to keep the suite quick).
const ROOT = join(__dirname, '..', '..');

const LINT_ALL = `
const { ESLint } = require('eslint');
const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const eslint = new ESLint({ cwd: process.cwd() });
(async () => {
  const out = [];
  for (const [file, source] of cases) {
    const [result] = await eslint.lintText(source + '\\nexport {};\\n', { filePath: require('path').join(process.cwd(), file) });
    out.push(result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message));
  }
  process.stdout.write(JSON.stringify(out));
})();`;

function lintImports(cases: [string, string][]): string[][] {
  return JSON.parse(execFileSync(process.execPath, ['-e', LINT_ALL], { cwd: ROOT, input: JSON.stringify(cases), encoding: 'utf8' })) as string[][];
}

const forbidden: [file: string, source: string][] = [
  ['services/notices/anything.ts', "import { loadConfig } from '../../bot/config';"],
  ['services/notices/anything.ts', "import { MainDialog } from '../../dialogs/mainDialog';"],
  ['services/notices/anything.ts', "import { openStore } from '../../data/store';"],
  ['services/anything.ts', "import { openStore } from '../data/store';"],
  ['services/matching/anything.ts', "import { TurnContext } from 'botbuilder';"],
  ['services/matching/anything.ts', "import { CosmosClient } from '@azure/cosmos';"],
  ['services/anything.ts', "import restify from 'restify';"],
  ['dialogs/cards/anything.ts', "import { openStore } from '../../data/store';"],
  ['dialogs/anything.ts', "import { openStore } from '../data/store';"],
  ['dialogs/cards/anything.ts', "import { loadConfig } from '../../bot/config';"],
  ['dialogs/anything.ts', "import { CosmosClient } from '@azure/cosmos';"],
  ['dialogs/anything.ts', "import type { NoticeRepository } from '../services/ports';"],
  ['dialogs/cards/anything.ts', "import type { NoticeRepository } from '../../services/ports';"],
  ['dialogs/anything.ts', "import type { SubmissionRepository } from '../services/applications/submissions';"],
  ['data/repositories/anything.ts', "import { loadConfig } from '../../bot/config';"],
  ['data/demo/anything.ts', "import { MainDialog } from '../../dialogs/mainDialog';"],
];

const allowed: [file: string, source: string][] = [
  ['services/notices/anything.ts', "import { z } from 'zod';\nimport type { Notice } from '../model/notice';"],
  ['dialogs/cards/anything.ts', "import { CardFactory } from 'botbuilder';\nimport { t } from '../../services/i18n';"],
  ['dialogs/anything.ts', "import { NoticeReader } from '../services/notices/noticeReader';\nimport { Submissions } from '../services/applications/submissions';"],
  ['data/repositories/anything.ts', "import { Container } from '@azure/cosmos';\nimport type { Notice } from '../../services/model/notice';"],
  ['bot/anything.ts', "import { openStore } from '../data/store';\nimport { MainDialog } from '../dialogs/mainDialog';"],
];

describe('folder rules hold at every depth', () => {
  const verdicts = lintImports([...forbidden, ...allowed]);

  test.each(forbidden.map((c, i) => [...c, i] as const))('%s may not: %s', (_file, _source, i) => {
    expect(verdicts[i]!.length).toBeGreaterThan(0);
  });

  test.each(allowed.map((c, i) => [...c, forbidden.length + i] as const))('%s may: %s', (_file, _source, i) => {
    expect(verdicts[i]).toEqual([]);
  });
});
