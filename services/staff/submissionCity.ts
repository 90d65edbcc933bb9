import type { Submission } from '../applications/submissions';
import { CITIES } from '../model/taxonomy';
import type { ApplicationRepository, BindingRepository } from '../ports';

const CREDIT_CODE = /[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}/;

/**
 * The city a submission belongs to, for a city department's queue: an objection's target enterprise (its
 * credit code is in the target); otherwise the enterprise the filer is bound to; otherwise a city named at
 * the start of the filing organisation's or target's name (佛山市…). Undefined when none says: such a
 * submission is for provincial staff only.
 */
export class SubmissionCities {
  private readonly byCode = new Map<string, Promise<string | undefined>>();

  constructor(private readonly applications: ApplicationRepository, private readonly bindings: BindingRepository) {}

  async cityOf(submission: Submission): Promise<string | undefined> {
    const code = CREDIT_CODE.exec(submission.fields.target ?? '')?.[0];
    const fromTarget = code ? await this.cityOfEnterprise(code) : undefined;
    if (fromTarget) return fromTarget;
    if (submission.type !== 'objection') {
      for (const binding of await this.bindings.listByUser(submission.userKey)) {
        const city = await this.cityOfEnterprise(binding.creditCode);
        if (city) return city;
      }
    }
    return namedCity(submission.type === 'objection' ? submission.fields.target : submission.fields.organisation);
  }

  private cityOfEnterprise(creditCode: string): Promise<string | undefined> {
    let city = this.byCode.get(creditCode);
    if (!city) {
      city = this.applications.listByCreditCode(creditCode).then((apps) => apps[0]?.city);
      this.byCode.set(creditCode, city);
    }
    return city;
  }
}

/** 佛山市顺德区… → 佛山 (the name must start with the city). */
export function namedCity(text: string | undefined): string | undefined {
  const t = (text ?? '').trim();
  return CITIES.find((c) => t.startsWith(c));
}
