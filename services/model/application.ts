import { z } from 'zod';
import { CreditCode } from '../identity/creditCode';

export const PROCESSES = ['recognition', 'evaluation'] as const;
export type Process = (typeof PROCESSES)[number];

export const STAGES = [
  'call_published', 'submitted', 'county_forwarded', 'city_review', 'expert_review',
  'alliance_evaluation', 'results_reported', 'publicity', 'final',
] as const;
export type Stage = (typeof STAGES)[number];

const subStep = z.object({ state: z.enum(['pending', 'scheduled', 'done']), at: z.string().optional() });

/** An application in the interchange format, as staff import it (with the access code in plain text). */
export const ApplicationSchema = z.object({
  id: z.string().min(1),
  creditCode: z.string().refine((v) => CreditCode.check(v).ok, { message: 'invalid credit code (check character)' }),
  enterpriseName: z.string().min(1),
  city: z.string().min(1),
  county: z.string().optional(),
  process: z.enum(PROCESSES),
  year: z.number().int(),
  batch: z.string().min(1),
  stage: z.enum(STAGES),
  expertReview: z
    .object({ writtenReview: subStep.optional(), defense: subStep.optional(), fieldInspection: subStep.optional() })
    .optional(),
  stageHistory: z.array(z.object({ stage: z.enum(STAGES), at: z.string(), note: z.string().optional() })),
  result: z.string().optional(),
  /** Plain, hashed at once. Omitted: a new application gets a long random code (reported once), a known one keeps its own. */
  accessCode: z.string().min(4).optional(),
  contacts: z.array(z.object({ name: z.string(), phone: z.string().optional(), email: z.string().optional(), aadObjectId: z.string().optional() })),
});
export type ApplicationInput = z.infer<typeof ApplicationSchema>;

/** An application as stored: the access code only as a salted hash. */
export type Application = Omit<ApplicationInput, 'accessCode'> & { accessCodeHash: string };
