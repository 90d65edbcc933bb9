import type { Activity, TurnContext } from 'botbuilder';
import type { Submission, SubmissionType } from '../services/applications/submissions';
import type { Locale, MessageKey, Translate } from '../services/i18n';
import type { ChoiceKind } from '../services/understanding/replies';

export interface FormField {
  key: string;
  label: MessageKey;
  ask: MessageKey;
  kind: 'text' | 'phone' | 'evidence' | 'choice';
  /** Buttons offered for a choice (typed text is accepted too). */
  choices?: (context: TurnContext) => Promise<{ title: string; value: string }[]>;
  /** How a prefilled value (a key such as "name") reads as this choice's answer. */
  prefillLabel?: (context: TurnContext, value: string) => string;
  /** Values for the question's {placeholders}, from the answers so far (the supplier's name). */
  askParams?: (fields: Record<string, string>) => Record<string, string>;
  /** Asked only when this holds for the answers so far (a deadline only for a call). */
  when?: (fields: Record<string, string>) => boolean;
  /** A text answer is kept as what this makes of it; null asks again with `retry` (a date and time). */
  parse?: (text: string) => string | null;
  retry?: MessageKey;
  /** A choice's typed words are read as the group's choice (replies.json); none asks again, or takes `fallback`. */
  named?: ChoiceKind;
  fallback?: string;
  /** The question in the message itself, the buttons below it (instead of in the card). */
  askInText?: boolean;
  /** Answers that end the form with this message (a publicity notice goes through the staff API). */
  endsWith?: Record<string, MessageKey>;
}

/**
 * A form taken in conversation: its questions one by one, a confirmation, then it is saved. A submission
 * (异议, 回避, 变更) is stored as its `type`; another form (对接) says how it is saved itself (`save`).
 */
export interface FormDefinition {
  id: string;
  /** Stored as this kind of submission, unless the form saves itself. */
  type?: SubmissionType;
  topic: MessageKey;
  fields: FormField[];
  /**
   * Who may fill it, checked at every step, not only the first: in a group chat anyone can answer a prompt.
   * Anyone else reads `refusal` and the form is dropped.
   */
  only?: { allowed: (context: TurnContext) => boolean; refusal: MessageKey };
  /**
   * Runs first, with the options the form was started with: may refuse (objections outside a publicity period,
   * a supplier gone), say something before the questions, or answer some itself (a bound user's company).
   */
  opening?: (context: TurnContext, options: unknown) => Promise<{ proceed: boolean; message?: string; fields?: Record<string, string> }>;
  /** The confirmation's text instead of the list of answers. */
  confirmText?: (t: Translate, fields: Record<string, string>) => string;
  /** Said with the summary before confirming (e.g. the materials a change report needs). */
  confirmNote?: (fields: Record<string, string>, locale: Locale) => string;
  /** Saves a confirmed form that is not a submission: what the user reads, and what the dialog returns. */
  save?: (context: TurnContext, fields: Record<string, string>, options: unknown) => Promise<{ reply: Partial<Activity> | string; result: string | undefined }>;
  /**
   * Runs on confirming, before storing: adds what the form knows by itself (the publicity notice and its
   * deadline) and may keep a secret for a download link (its hash is stored; the secret goes to `done`).
   */
  enrich?: (context: TurnContext, fields: Record<string, string>) => Promise<{ fields: Record<string, string>; secret?: string; secretHash?: string }>;
  /** What the user reads once it is stored; default: submissionDone with the receipt number. */
  done?: (context: TurnContext, saved: Submission, secret?: string) => Promise<Partial<Activity> | string>;
}
