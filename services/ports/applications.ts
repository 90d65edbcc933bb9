import type { Application } from '../model/application';
import type { Binding } from '../applications/binding';
import type { Attempts } from '../applications/attemptLimiter';
import type { Submission, SubmissionType } from '../applications/submissions';
import type { Versioned } from './versioned';

export interface ApplicationRepository {
  upsert(application: Application): Promise<void>;
  listByCreditCode(creditCode: string): Promise<Application[]>;
  /** Applications listing this AAD object id among their contacts (Teams auto-binding). */
  listByContact(aadObjectId: string): Promise<Application[]>;
  /** The enterprises whose applications match (a notice's enterprise audience). */
  listMatching(filter: ApplicationFilter): Promise<Pick<Application, 'creditCode'>[]>;
}

export interface ApplicationFilter {
  city?: string;
  process?: Application['process'];
  stage?: Application['stage'];
  batch?: string;
}

export interface BindingRepository {
  put(binding: Binding): Promise<void>;
  listByUser(userKey: string): Promise<Binding[]>;
  listByEnterprise(creditCode: string): Promise<Binding[]>;
  remove(userKey: string, creditCode: string): Promise<boolean>;
}

export interface AttemptRepository {
  get(key: string): Promise<Versioned<Attempts> | null>;
  /** Null when someone else created it first. */
  create(key: string, attempts: Attempts): Promise<Versioned<Attempts> | null>;
  /** Null when someone else wrote since `etag`. */
  replaceIfUnchanged(key: string, attempts: Attempts, etag: string): Promise<Versioned<Attempts> | null>;
}

export interface SubmissionRepository {
  add(submission: Submission): Promise<void>;
  /** One submission by type and receipt number (a point read); null when there is none. */
  get(type: SubmissionType, receiptNo: string): Promise<Submission | null>;
  list(type?: SubmissionType): Promise<Submission[]>;
}
