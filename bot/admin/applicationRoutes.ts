import type { Request, Response, Server } from 'restify';
import { importApplications, type StageChange } from '../../services/applications/importApplications';
import type { ApplicationRepository } from '../../services/ports';
import { handler, jsonObjectBody, sendError } from '../http';

/** Staff import of applications (interchange format); stage changes are announced to bound users. */
export function mountApplicationRoutes(
  server: Server,
  deps: { guard: (req: Request, res: Response) => boolean; applications: ApplicationRepository; announce: (changes: StageChange[]) => Promise<{ notices: number; queued: number }> },
): void {
  server.put('/api/admin/applications', handler(async (req, res) => {
    if (!deps.guard(req, res)) return;
    const applications = jsonObjectBody(req)?.applications;
    if (!Array.isArray(applications)) return sendError(res, 400, 'BadArgument', 'The body must be {"applications": [Application, …]}.');
    if (applications.length > 5000) return sendError(res, 413, 'TooLarge', 'Send at most 5000 applications per request.');
    const { imported, rejected, changes } = await importApplications(deps.applications, applications);
    const notices = await deps.announce(changes);
    // The notices go out through the delivery engine; `noticesQueued` counts the conversations they are queued for.
    res.send(200, { imported, rejected, stageChanges: changes.length, noticesQueued: notices.queued });
  }));
}
