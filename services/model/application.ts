import { z } from 'zod';
import { CreditCode } from '../identity/creditCode';

export const PROCESSES = ['recognition', 'evaluation'] as const;
export type Process = (typeof PROCESSES)[number];

export const STAGES = [
  'call_published', 'submitted', 'county_forwarded', 'city_review', 'expert_review',
  'alliance_evaluation', 'results_reported', 'publicity', 'final',
] as const;
export type Stage = (typeof STAGES)[number];

const SUB_STEP_STATES = ['pending', 'scheduled', 'done'] as const;
/**
 * An expert-review sub-step: the contract lets a writer send the state alone ("done") or `{"state", "at"}`;
 * both are read, and stored in the one object form.
 */
const subStep = z.union([
  z.enum(SUB_STEP_STATES).transform((state) => ({ state })),
  z.object({ state: z.enum(SUB_STEP_STATES), at: z.string().optional() }),
], { error: 'expected "pending", "scheduled" or "done", or {"state": one of them, "at": ISO date}' }) as z.ZodType<{ state: (typeof SUB_STEP_STATES)[number]; at?: string }, unknown>;

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
