import type { Request, Response, Server } from 'restify';
import { importApplications, rotateAccessCode, type StageChange } from '../../services/applications/importApplications';
import type { BindingService } from '../../services/applications/binding';
import { CreditCode } from '../../services/identity/creditCode';
import type { ApplicationRepository } from '../../services/ports';
import { handler, jsonObjectBody, sendError } from '../http';

/** Staff import of applications (interchange format); stage changes are announced to bound users. */
export function mountApplicationRoutes(
  server: Server,
  deps: {
    guard: (req: Request, res: Response) => boolean;
    applications: ApplicationRepository;
    announce: (changes: StageChange[]) => Promise<{ notices: number; queued: number }>;
    binding?: BindingService;
  },
): void {
  server.put('/api/admin/applications', handler(async (req, res) => {
    if (!deps.guard(req, res)) return;
    const applications = jsonObjectBody(req)?.applications;
    if (!Array.isArray(applications)) return sendError(res, 400, 'BadArgument', 'The body must be {"applications": [Application, …]}.');
    if (applications.length > 5000) return sendError(res, 413, 'TooLarge', 'Send at most 5000 applications per request.');
    const { imported, rejected, changes, issuedAccessCodes } = await importApplications(deps.applications, applications);
    const notices = await deps.announce(changes);
    // The notices go out through the delivery engine; `noticesQueued` counts the conversations they are queued for.
    // `issuedAccessCodes` (only when there are any): codes made for new applications that came without one, shown this once.
    res.send(200, { imported, rejected, stageChanges: changes.length, noticesQueued: notices.queued, ...(issuedAccessCodes.length ? { issuedAccessCodes } : {}) });
  }));

  /** The credit code of the path, or null after a 400. */
  const creditCodeOf = (req: Request, res: Response): string | null => {
    const checked = CreditCode.check(String(req.params.creditCode ?? ''));
    if (checked.ok) return checked.code.value;
    sendError(res, 400, 'BadArgument', 'The path must name a valid unified social credit code.');
    return null;
  };

  // A locked-out owner, or one who lost the code: staff check who is asking, then lift the lock or issue a new code.
  server.post('/api/admin/enterprises/:creditCode/access-code', handler(async (req, res) => {
    if (!deps.guard(req, res)) return;
    const creditCode = creditCodeOf(req, res);
    if (!creditCode) return;
    const rotated = await rotateAccessCode(deps.applications, creditCode);
    if (!rotated) return sendError(res, 404, 'NotFound', 'No application has this credit code.');
    await deps.binding?.unlock(creditCode);
    res.header('cache-control', 'no-store');
    res.send(200, { creditCode, ...rotated });
  }));

  server.post('/api/admin/enterprises/:creditCode/unlock', handler(async (req, res) => {
    if (!deps.guard(req, res)) return;
    const creditCode = creditCodeOf(req, res);
    if (!creditCode) return;
    await deps.binding?.unlock(creditCode);
    res.send(200, { creditCode, unlocked: true });
  }));
}
