import type { Request, Response, Server } from 'restify';
import { letterTokenMatches } from '../services/applications/letterToken';
import { objectionLetter } from '../services/applications/objectionLetter';
import type { Submissions } from '../services/applications/submissions';
import { DOCX } from '../dialogs/enterpriseForms';
import { t } from '../services/i18n';
import { handler, sendError } from './http';

export const LETTER_PATH = '/letters';

/**
 * GET /letters/{receiptNo}/{token}: the pre-filled objection letter (.docx) of a chat objection. The token is the
 * link's secret (only its hash is stored); a wrong one is told apart from nothing, so links cannot be probed.
 */
export function mountLetterRoutes(server: Server, deps: { submissions: Submissions }): void {
  server.get(`${LETTER_PATH}/:receiptNo/:token`, handler(async (req: Request, res: Response) => {
    const { receiptNo, token } = req.params as { receiptNo: string; token: string };
    const submission = /^YY-[0-9A-Z-]{6,20}$/.test(receiptNo) ? await deps.submissions.get('objection', receiptNo) : null;
    if (!submission || !letterTokenMatches(token, submission.letterTokenHash)) {
      return sendError(res, 404, 'NotFound', 'No letter at this address. Use the link the assistant gave you.');
    }
    const body = await objectionLetter(submission);
    const name = t(submission.locale, 'objectionLetterName', { receiptNo });
    res.writeHead(200, {
      'content-type': DOCX,
      'content-length': body.length,
      'content-disposition': `attachment; filename="objection-${receiptNo}.docx"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'cache-control': 'private, no-store',
    });
    res.end(body);
  }));
}
